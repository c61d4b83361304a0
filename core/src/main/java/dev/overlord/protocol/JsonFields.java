package dev.overlord.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Lenient readers for frame fields: numbers may arrive as strings, timestamps as ISO text or epoch numbers. */
final class JsonFields {
    private JsonFields() {}

    /** Thrown inside the parser only; it becomes a {@link ParseResult.Rejected}. */
    static final class BadField extends RuntimeException {
        final String field;

        BadField(String field, String why) {
            super(field + ": " + why, null, false, false);
            this.field = field;
        }
    }

    static String text(ObjectNode json, String field) {
        JsonNode n = json.get(field);
        if (n == null || n.isNull()) return null;
        if (n.isValueNode()) return n.asText();
        throw new BadField(field, "expected a string");
    }

    static Double dbl(ObjectNode json, String field) {
        JsonNode n = json.get(field);
        if (n == null || n.isNull()) return null;
        if (n.isNumber()) {
            // A literal too large for a double (1e999) reads as infinity: refused like its string form.
            double d = n.doubleValue();
            if (Double.isFinite(d)) return d;
        } else if (n.isTextual()) {
            String s = n.textValue().trim();
            if (s.isEmpty()) return null;
            try {
                double d = Double.parseDouble(s);
                if (Double.isFinite(d)) return d;
            } catch (NumberFormatException e) {
                // fall through to the rejection below
            }
        }
        throw new BadField(field, "expected a number");
    }

    static double requiredDbl(ObjectNode json, String field) {
        Double d = dbl(json, field);
        if (d == null) throw new BadField(field, "missing");
        return d;
    }

    static Long lng(ObjectNode json, String field) {
        Double d = dbl(json, field);
        return d == null ? null : Math.round(d);
    }

    /** Reads ISO-8601 text, epoch seconds or epoch milliseconds; null when absent. */
    static Instant instant(ObjectNode json, String field) {
        JsonNode n = json.get(field);
        if (n == null || n.isNull()) return null;
        if (n.isNumber()) return fromEpoch(n.doubleValue());
        if (n.isTextual()) {
            String s = n.textValue().trim();
            if (s.isEmpty()) return null;
            Instant fast = IsoInstants.parse(s);
            if (fast != null) return fast;
            try {
                return Instant.parse(s);
            } catch (DateTimeParseException e) {
                try {
                    // Naive ISO local time (no zone) as sent by some plugin builds: read it as UTC.
                    return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException e2) {
                    try {
                        return fromEpoch(Double.parseDouble(s));
                    } catch (NumberFormatException e3) {
                        throw new BadField(field, "not a timestamp");
                    }
                }
            }
        }
        throw new BadField(field, "not a timestamp");
    }

    private static Instant fromEpoch(double v) {
        // Values above 1e11 cannot be seconds (year 5138): they are milliseconds.
        long millis = v > 1e11 ? (long) v : (long) (v * 1000);
        return Instant.ofEpochMilli(millis);
    }
}
