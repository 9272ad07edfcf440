package dev.barge.view;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.barge.config.model.ComposeProject;
import dev.barge.config.model.NetworkSpec;
import dev.barge.config.model.Redaction;
import dev.barge.config.model.VolumeSpec;
import dev.barge.select.NodeSlice;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A node's resolved desired state as Compose-style YAML, one document per stack. Interpolation is
 * done and short syntax expanded; every attribute that came from a secret prints as (sensitive).
 */
public final class ComposeView {
    static final String SENSITIVE = "(sensitive)";

    private static final YAMLMapper YAML = new YAMLMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .stringQuotingChecker(new Yaml11Quoting())
            .build());

    private ComposeView() {
    }

    public static String yaml(NodeSlice slice) {
        StringBuilder text = new StringBuilder();
        if (slice.stacks().isEmpty()) {
            return "# node " + slice.node().name() + " runs no stack\n";
        }
        for (NodeSlice.Selected selected : slice.stacks()) {
            var stack = selected.stack();
            if (!text.isEmpty()) {
                text.append("---\n");
            }
            text.append("# stack ").append(stack.name()).append(" of deployment ").append(stack.deployment())
                    .append(" (").append(stack.origin()).append("): ").append(selected.why()).append('\n');
            text.append(write(redacted(project(stack.name(), stack.project()), stack.redaction())));
        }
        return text.toString();
    }

    private static Map<String, Object> project(String name, ComposeProject project) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("name", name);
        Map<String, Object> services = new LinkedHashMap<>();
        project.services().forEach((key, service) -> services.put(key, ServiceYaml.of(name, service)));
        doc.put("services", services);
        if (!project.networks().isEmpty()) {
            Map<String, Object> networks = new LinkedHashMap<>();
            project.networks().forEach((key, n) -> networks.put(key, network(n)));
            doc.put("networks", networks);
        }
        if (!project.volumes().isEmpty()) {
            Map<String, Object> volumes = new LinkedHashMap<>();
            project.volumes().forEach((key, v) -> volumes.put(key, volume(v)));
            doc.put("volumes", volumes);
        }
        return doc;
    }

    private static Map<String, Object> network(NetworkSpec n) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", n.name());
        ServiceYaml.putIf(m, "driver", n.driver());
        ServiceYaml.putIf(m, "external", n.external() ? true : null);
        ServiceYaml.putIf(m, "internal", n.internal() ? true : null);
        ServiceYaml.putIf(m, "labels", n.labels());
        ServiceYaml.putIf(m, "driver_opts", n.driverOpts());
        if (n.ipam() != null) {
            Map<String, Object> ipam = new LinkedHashMap<>();
            ServiceYaml.putIf(ipam, "driver", n.ipam().driver());
            ServiceYaml.putIf(ipam, "config", n.ipam().pools().stream().map(p -> {
                Map<String, Object> pool = new LinkedHashMap<>();
                pool.put("subnet", p.subnet());
                ServiceYaml.putIf(pool, "gateway", p.gateway());
                ServiceYaml.putIf(pool, "ip_range", p.ipRange());
                return pool;
            }).toList());
            m.put("ipam", ipam);
        }
        return m;
    }

    private static Map<String, Object> volume(VolumeSpec v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", v.name());
        ServiceYaml.putIf(m, "driver", v.driver());
        ServiceYaml.putIf(m, "external", v.external() ? true : null);
        ServiceYaml.putIf(m, "labels", v.labels());
        ServiceYaml.putIf(m, "driver_opts", v.driverOpts());
        return m;
    }

    /** Reads back the same under any YAML 1.1 reader: a string that looks like another type is quoted. */
    static String write(Object tree) {
        try {
            return YAML.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render the desired state as YAML", e);
        }
    }

    /**
     * Every text in the tree passed through the stack's redaction: a secret value that reached a name
     * (a network, a volume) or an attribute taint tracking does not follow still prints as (sensitive).
     */
    private static Object redacted(Object tree, Redaction redaction) {
        if (tree instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((key, value) -> out.put(redaction.apply(String.valueOf(key)), redacted(value, redaction)));
            return out;
        }
        if (tree instanceof List<?> list) {
            return list.stream().map(item -> redacted(item, redaction)).toList();
        }
        return tree instanceof String text ? redaction.apply(text) : tree;
    }
}
