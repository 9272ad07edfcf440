package dev.barge.view;

import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Quotes every string a YAML 1.1 reader would not read back as that string: besides what Jackson quotes,
 * numbers in 1.1's forms ({@code 1.10}, {@code 0x1F}, {@code 1_000}, sexagesimal {@code 53:53}), booleans
 * ({@code yes}, {@code on}), nulls ({@code ~}) and timestamps; SnakeYAML's resolver is YAML 1.1's.
 */
final class Yaml11Quoting extends StringQuotingChecker {
    private static final long serialVersionUID = 1L;
    private static final Resolver RESOLVER = new Resolver();
    private static final StringQuotingChecker JACKSON = StringQuotingChecker.Default.instance();

    @Override
    public boolean needToQuoteName(String name) {
        return JACKSON.needToQuoteName(name) || !plainReadsAsString(name);
    }

    @Override
    public boolean needToQuoteValue(String value) {
        return JACKSON.needToQuoteValue(value) || !plainReadsAsString(value);
    }

    static boolean plainReadsAsString(String text) {
        return RESOLVER.resolve(NodeId.scalar, text, true).equals(Tag.STR);
    }
}
