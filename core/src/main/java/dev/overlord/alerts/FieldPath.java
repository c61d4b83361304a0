package dev.overlord.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Pattern;

/** Finds a field of a frame by a dotted path and reads numbers leniently, as the frame parser does. */
final class FieldPath {
    private static final Pattern NUMBER = Pattern.compile("\\s*[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?\\s*");
    /** Segments a path may have: deeper trees are not searched. */
    static final int MAX_SEGMENTS = 16;

    private FieldPath() {}

    /** The value at {@code path} (segments split on dots; a numeric segment indexes an array), null if absent or null. */
    static JsonNode find(JsonNode root, String path) {
        JsonNode node = root;
        int start = 0;
        int segments = 0;
        while (node != null) {
            int dot = path.indexOf('.', start);
            String segment = dot < 0 ? path.substring(start) : path.substring(start, dot);
            if (++segments > MAX_SEGMENTS) return null;
            if (node.isObject()) node = node.get(segment);
            else if (node.isArray()) node = index(node, segment);
            else return null;
            if (dot < 0) break;
            start = dot + 1;
        }
        return node == null || node.isNull() || node.isMissingNode() ? null : node;
    }

    private static JsonNode index(JsonNode array, String segment) {
        if (segment.isEmpty() || segment.length() > 9) return null;
        for (int i = 0; i < segment.length(); i++) if (!Character.isDigit(segment.charAt(i))) return null;
        return array.get(Integer.parseInt(segment));
    }

    /** The number a scalar holds, a numeric string included; null when it holds none or not a finite one. */
    static Double number(JsonNode v) {
        if (v.isNumber()) {
            double d = v.doubleValue();
            return Double.isFinite(d) ? d : null;
        }
        if (!v.isTextual()) return null;
        String t = v.textValue();
        if (t.length() > 64 || !NUMBER.matcher(t).matches()) return null;
        double d = Double.parseDouble(t.strip());
        return Double.isFinite(d) ? d : null;
    }

    /** The text a scalar renders as in a message; null for absent values, objects and arrays. */
    static String text(JsonNode v) {
        return v == null || !v.isValueNode() ? null : v.asText();
    }
}
