package dev.overlord.agent.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tools' argument schemas: a builder for the part of JSON Schema they use ({@code object} with
 * {@code properties}, {@code required} and {@code additionalProperties}; {@code string} with
 * lengths and {@code enum}; {@code integer} and {@code number} with bounds; {@code boolean};
 * {@code array} with {@code items} and item counts) and a validator for exactly that part, so the
 * schema a model is shown is the one its arguments are checked against.
 */
public final class ArgumentSchema {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    /** Deepest nesting the validator follows; the tools' schemas are two levels deep. */
    private static final int MAX_DEPTH = 8;

    private final ObjectNode schema = F.objectNode().put("type", "object");
    private final ObjectNode properties = schema.putObject("properties");
    private final ArrayNode required = F.arrayNode();

    private ArgumentSchema() {}

    /** An object schema that admits only the properties it names. */
    public static ArgumentSchema object() {
        return new ArgumentSchema();
    }

    public ArgumentSchema string(String name, String description, int minLength, int maxLength, boolean required) {
        return property(name, stringSchema(description, minLength, maxLength), required);
    }

    public ArgumentSchema oneOf(String name, String description, List<String> values, boolean required) {
        ObjectNode s = F.objectNode().put("type", "string").put("description", description);
        ArrayNode e = s.putArray("enum");
        values.forEach(e::add);
        return property(name, s, required);
    }

    public ArgumentSchema integer(String name, String description, long min, long max, boolean required) {
        return property(name, integerSchema(description, min, max), required);
    }

    public ArgumentSchema number(String name, String description, double min, double max, boolean required) {
        ObjectNode s = F.objectNode().put("type", "number").put("description", description);
        s.put("minimum", min).put("maximum", max);
        return property(name, s, required);
    }

    public ArgumentSchema bool(String name, String description, boolean required) {
        return property(name, F.objectNode().put("type", "boolean").put("description", description), required);
    }

    public ArgumentSchema strings(
            String name, String description, int maxLength, int minItems, int maxItems, boolean required) {
        ObjectNode s = F.objectNode().put("type", "array").put("description", description);
        s.set("items", stringSchema(null, 1, maxLength));
        s.put("minItems", minItems).put("maxItems", maxItems);
        return property(name, s, required);
    }

    /** A nested schema, e.g. {@code {"name":..., "pieces":...}}. */
    public ArgumentSchema object(String name, String description, ArgumentSchema nested, boolean required) {
        ObjectNode s = nested.build().put("description", description);
        return property(name, s, required);
    }

    /** An object whose keys are free (at most {@code maxKeys}) and whose values are integers in range. */
    public ArgumentSchema integerMap(
            String name, String description, int maxKeys, long min, long max, boolean required) {
        ObjectNode s = F.objectNode().put("type", "object").put("description", description);
        s.set("additionalProperties", integerSchema(null, min, max));
        s.put("maxProperties", maxKeys);
        return property(name, s, required);
    }

    /** The schema as JSON: {@code {"type":"object","properties":{...},"required":[...],"additionalProperties":false}}. */
    public ObjectNode build() {
        ObjectNode out = schema.deepCopy();
        if (!required.isEmpty()) out.set("required", required.deepCopy());
        out.put("additionalProperties", false);
        return out;
    }

    private ArgumentSchema property(String name, ObjectNode s, boolean isRequired) {
        properties.set(name, s);
        if (isRequired) required.add(name);
        return this;
    }

    private static ObjectNode stringSchema(String description, int minLength, int maxLength) {
        ObjectNode s = F.objectNode().put("type", "string");
        if (description != null) s.put("description", description);
        return s.put("minLength", minLength).put("maxLength", maxLength);
    }

    private static ObjectNode integerSchema(String description, long min, long max) {
        ObjectNode s = F.objectNode().put("type", "integer");
        if (description != null) s.put("description", description);
        return s.put("minimum", min).put("maximum", max);
    }

    // ---- validation ----

    /**
     * Why {@code value} does not fit {@code schema}, naming the argument and the rule, or empty
     * when it fits. A missing or null value for the whole arguments is read as {@code {}}.
     */
    public static Optional<String> check(JsonNode schema, JsonNode value) {
        JsonNode v = value == null || value.isNull() || value.isMissingNode() ? F.objectNode() : value;
        return check(schema, v, "", 0);
    }

    private static Optional<String> check(JsonNode schema, JsonNode v, String path, int depth) {
        if (depth > MAX_DEPTH) return fail(path, "is nested too deeply");
        String type = schema.path("type").asText("");
        return switch (type) {
            case "object" -> checkObject(schema, v, path, depth);
            case "array" -> checkArray(schema, v, path, depth);
            case "string" -> checkString(schema, v, path);
            case "integer" -> checkInteger(schema, v, path);
            case "number" -> checkNumber(schema, v, path);
            case "boolean" -> v.isBoolean() ? Optional.empty() : fail(path, "must be true or false, got " + kind(v));
            default -> Optional.empty();
        };
    }

    private static Optional<String> checkObject(JsonNode schema, JsonNode v, String path, int depth) {
        if (!v.isObject()) return fail(path, "must be an object, got " + kind(v));
        for (JsonNode r : schema.path("required")) {
            if (!v.has(r.asText()) || v.get(r.asText()).isNull()) return fail(join(path, r.asText()), "is required");
        }
        JsonNode props = schema.path("properties");
        JsonNode extra = schema.path("additionalProperties");
        if (schema.has("maxProperties")
                && v.size() > schema.get("maxProperties").asInt()) {
            return fail(path, "has more than " + schema.get("maxProperties").asInt() + " keys");
        }
        Iterator<Map.Entry<String, JsonNode>> fields = v.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String at = join(path, f.getKey());
            if (f.getValue().isNull()) continue; // null means "not given"
            JsonNode s = props.get(f.getKey());
            if (s == null) {
                if (extra.isObject()) s = extra;
                else if (extra.isBoolean() && !extra.asBoolean()) {
                    return Optional.of(
                            "unknown argument '" + shorten(at) + "'; arguments are " + String.join(", ", names(props)));
                } else continue;
            }
            Optional<String> bad = check(s, f.getValue(), at, depth + 1);
            if (bad.isPresent()) return bad;
        }
        return Optional.empty();
    }

    private static Optional<String> checkArray(JsonNode schema, JsonNode v, String path, int depth) {
        if (!v.isArray()) return fail(path, "must be a list, got " + kind(v));
        if (schema.has("minItems") && v.size() < schema.get("minItems").asInt())
            return fail(path, "must have at least " + schema.get("minItems").asInt() + " items");
        if (schema.has("maxItems") && v.size() > schema.get("maxItems").asInt())
            return fail(path, "must have at most " + schema.get("maxItems").asInt() + " items, got " + v.size());
        JsonNode items = schema.path("items");
        if (!items.isObject()) return Optional.empty();
        for (int i = 0; i < v.size(); i++) {
            Optional<String> bad = check(items, v.get(i), path + "[" + i + "]", depth + 1);
            if (bad.isPresent()) return bad;
        }
        return Optional.empty();
    }

    private static Optional<String> checkString(JsonNode schema, JsonNode v, String path) {
        if (!v.isTextual()) return fail(path, "must be a string, got " + kind(v));
        String s = v.asText();
        int length = s.codePointCount(0, s.length());
        if (schema.has("enum")) {
            for (JsonNode e : schema.get("enum")) if (e.asText().equals(s)) return Optional.empty();
            return fail(
                    path,
                    "must be one of " + String.join(", ", texts(schema.get("enum"))) + ", got '" + shorten(s) + "'");
        }
        if (schema.has("minLength") && length < schema.get("minLength").asInt())
            return fail(path, "must be at least " + schema.get("minLength").asInt() + " characters");
        if (schema.has("maxLength") && length > schema.get("maxLength").asInt())
            return fail(path, "must be at most " + schema.get("maxLength").asInt() + " characters, got " + length);
        return Optional.empty();
    }

    private static Optional<String> checkInteger(JsonNode schema, JsonNode v, String path) {
        boolean whole = v.isIntegralNumber() || (v.isNumber() && v.asDouble() == Math.rint(v.asDouble()));
        if (!whole || !v.canConvertToLong()) return fail(path, "must be a whole number, got " + kind(v));
        long n = v.asLong();
        long min = schema.path("minimum").asLong(Long.MIN_VALUE);
        long max = schema.path("maximum").asLong(Long.MAX_VALUE);
        if (n < min || n > max) return fail(path, "must be from " + min + " to " + max + ", got " + n);
        return Optional.empty();
    }

    private static Optional<String> checkNumber(JsonNode schema, JsonNode v, String path) {
        if (!v.isNumber() || !Double.isFinite(v.asDouble())) return fail(path, "must be a number, got " + kind(v));
        double n = v.asDouble();
        double min = schema.path("minimum").asDouble(-Double.MAX_VALUE);
        double max = schema.path("maximum").asDouble(Double.MAX_VALUE);
        if (n < min || n > max) return fail(path, "must be from " + min + " to " + max + ", got " + n);
        return Optional.empty();
    }

    private static Optional<String> fail(String path, String why) {
        return Optional.of(path.isEmpty() ? "the arguments " + why : "argument '" + shorten(path) + "' " + why);
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static String kind(JsonNode v) {
        if (v.isTextual()) return "a string";
        if (v.isIntegralNumber()) return "the whole number " + v.asText();
        if (v.isNumber()) return "the number " + v.asText();
        if (v.isBoolean()) return v.asText();
        if (v.isArray()) return "a list";
        if (v.isObject()) return "an object";
        return v.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    }

    private static List<String> names(JsonNode props) {
        List<String> out = new java.util.ArrayList<>();
        props.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(e -> out.add(e.asText()));
        return out;
    }

    /** Text from a model goes back into a message: one short printable line of it. */
    static String shorten(String s) {
        String t = s.length() <= 64 ? s : s.substring(0, 64) + "...";
        StringBuilder b = new StringBuilder(t.length());
        t.codePoints().forEach(c -> b.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return b.toString();
    }
}
