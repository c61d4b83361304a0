package dev.overlord.http.testing;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Comparator;

/**
 * Exact comparison of JSON trees, field order aside: whole numbers must be whole and equal (an
 * {@code int} and a {@code long} of the same value are equal, {@code 545.0} is not {@code 545});
 * fractions are equal within a relative 1e-9, so a rate computed here as {@code hits / attacks}
 * matches the server's.
 */
public final class JsonAssert {
    private static final Comparator<JsonNode> NUMBERS = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            if (a.isIntegralNumber() != b.isIntegralNumber()) return 1;
            if (a.isIntegralNumber()) return a.bigIntegerValue().compareTo(b.bigIntegerValue());
            double x = a.doubleValue();
            double y = b.doubleValue();
            return Math.abs(x - y) <= 1e-9 * Math.max(1, Math.max(Math.abs(x), Math.abs(y))) ? 0 : 1;
        }
        return a.equals(b) ? 0 : 1;
    };

    private JsonAssert() {}

    public static void assertJson(JsonNode expected, JsonNode actual, String what) {
        if (expected == null ? actual != null && !actual.isNull() : !expected.equals(NUMBERS, actual)) {
            fail(what + ": " + firstDifference(expected, actual, "$") + "\n  expected: " + expected + "\n  but was:  "
                    + actual);
        }
    }

    /** Where two trees first differ, e.g. {@code $.offense.hit_rate: expected 0.91 but was 1.83}. */
    static String firstDifference(JsonNode expected, JsonNode actual, String path) {
        if (expected != null && actual != null && expected.isObject() && actual.isObject()) {
            for (var names = expected.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!actual.has(name)) return path + "." + name + ": missing (expected " + expected.get(name) + ")";
                String d = firstDifference(expected.get(name), actual.get(name), path + "." + name);
                if (d != null) return d;
            }
            for (var names = actual.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!expected.has(name)) return path + "." + name + ": unexpected " + actual.get(name);
            }
            return null;
        }
        if (expected != null
                && actual != null
                && expected.isArray()
                && actual.isArray()
                && expected.size() == actual.size()) {
            for (int i = 0; i < expected.size(); i++) {
                String d = firstDifference(expected.get(i), actual.get(i), path + "[" + i + "]");
                if (d != null) return d;
            }
            return null;
        }
        boolean same = expected == null
                ? actual == null || actual.isNull()
                : actual != null && expected.equals(NUMBERS, actual);
        return same ? null : path + ": expected " + expected + " but was " + actual;
    }

    public static void assertJson(String expected, JsonNode actual, String what) {
        assertJson(SocketClient.parse(expected), actual, what);
    }
}
