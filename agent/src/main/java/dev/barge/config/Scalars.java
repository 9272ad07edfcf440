package dev.barge.config;

import com.fasterxml.jackson.databind.JsonNode;

/** How a YAML/JSON scalar reads as text in an environment or a label: numbers as written, null as empty. */
final class Scalars {
    private Scalars() {
    }

    static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "";
        }
        if (node.isBigDecimal()) {
            return node.decimalValue().toPlainString();
        }
        return node.asText();
    }

    static boolean isScalar(JsonNode node) {
        return node != null && (node.isTextual() || node.isNumber() || node.isBoolean());
    }
}
