package dev.barge.apply;

import java.time.Duration;
import java.util.Objects;

/**
 * How apply runs, as opposed to what it does (that is the plan: removing volumes, too, is a planned change).
 *
 * @param pullParallelism how many images are pulled at the same time
 * @param settleTime      how long a container without a healthcheck must run without restarting to pass
 * @param pollInterval    how often a container's state is read while waiting for it
 * @param stopTimeout     how long a stopped container gets before it is killed, unless its
 *                        {@code stop_grace_period} says otherwise
 * @param parallelism     how many container changes (create, start, health gate) run at the same time,
 *                        across all stacks
 */
public record ApplyOptions(int pullParallelism, Duration settleTime, Duration pollInterval, Duration stopTimeout,
                           int parallelism) {

    public static final ApplyOptions DEFAULTS = new ApplyOptions(4, Duration.ofSeconds(3), Duration.ofMillis(250),
            Duration.ofSeconds(10), 8);

    public ApplyOptions {
        if (pullParallelism < 1) {
            throw new IllegalArgumentException("pull parallelism is " + pullParallelism + ": pull at least 1 image at a time");
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism is " + parallelism + ": apply at least 1 change at a time");
        }
        Objects.requireNonNull(settleTime, "settleTime");
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(stopTimeout, "stopTimeout");
        if (settleTime.isNegative()) {
            throw new IllegalArgumentException("settle time " + settleTime + " is negative: use 0 or more");
        }
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("poll interval " + pollInterval + " must be positive");
        }
        if (stopTimeout.isNegative()) {
            throw new IllegalArgumentException("stop timeout " + stopTimeout + " is negative: use 0 or more");
        }
    }

    public ApplyOptions withPullParallelism(int pulls) {
        return new ApplyOptions(pulls, settleTime, pollInterval, stopTimeout, parallelism);
    }

    public ApplyOptions withSettleTime(Duration settle) {
        return new ApplyOptions(pullParallelism, settle, pollInterval, stopTimeout, parallelism);
    }

    public ApplyOptions withPollInterval(Duration interval) {
        return new ApplyOptions(pullParallelism, settleTime, interval, stopTimeout, parallelism);
    }

    public ApplyOptions withStopTimeout(Duration timeout) {
        return new ApplyOptions(pullParallelism, settleTime, pollInterval, timeout, parallelism);
    }

    public ApplyOptions withParallelism(int changes) {
        return new ApplyOptions(pullParallelism, settleTime, pollInterval, stopTimeout, changes);
    }
}
