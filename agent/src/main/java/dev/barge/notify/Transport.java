package dev.barge.notify;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Sends one request and answers the HTTP status; tests replace it. */
interface Transport {
    Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    /** For the whole answer: a receiver that accepts and then hangs costs the delivery thread this, no more. */
    Duration READ_TIMEOUT = Duration.ofSeconds(5);

    int post(Target.Request request) throws IOException, InterruptedException;

    /** The JDK's client, HTTP/1.1 (receivers behind simple proxies), short timeouts, no redirects followed. */
    static Transport http() {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
        return request -> {
            HttpRequest.Builder builder = HttpRequest.newBuilder(request.url()).timeout(READ_TIMEOUT)
                    .header("User-Agent", "barge-agent").POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
            request.headers().forEach(builder::header);
            return client.send(builder.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        };
    }
}
