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

    /** Thrown inside the parser only; it becomes a {@link ParseResult.Rejected} with its reason. */
    static final class BadField extends RuntimeException {
        final String field;
        final ParseResult.Reason reason;

        BadField(String field, String why) {
            this(field, why, ParseResult.Reason.BAD_FIELD);
        }

        BadField(String field, String why, ParseResult.Reason reason) {
            super(field + ": " + why, null, false, false);
            this.field = field;
            this.reason = reason;
        }

        /** A value of the right kind that breaks a {@link FieldBounds} bound. */
        static BadField outOfBounds(String field, String why) {
            return new BadField(field, why, ParseResult.Reason.OUT_OF_BOUNDS);
        }
    }

    static String text(ObjectNode json, String field) {
        JsonNode n = json.get(field);
        if (n == null || n.isNull()) return null;
        if (n.isValueNode()) return n.asText();
        throw new BadField(field, "expected a string");
    }

    /**
     * Text of at most {@code max} UTF-16 units (so within a {@code VARCHAR(max)} on H2 and
     * PostgreSQL alike) and printable: no control or format characters (CR/LF, bidi overrides,
     * zero-width marks) and no lone surrogates, which PostgreSQL cannot store as UTF-8.
     */
    static String bounded(ObjectNode json, String field, int max) {
        String v = text(json, field);
        if (v == null) return null;
        if (v.length() > max) throw BadField.outOfBounds(field, v.length() + " characters, at most " + max);
        for (int i = 0; i < v.length(); i++) {
            char ch = v.charAt(i);
            if (Character.isHighSurrogate(ch) && i + 1 < v.length() && Character.isLowSurrogate(v.charAt(i + 1))) {
                i++;
                continue;
            }
            if (!printable(ch)) {
                throw BadField.outOfBounds(field, "unprintable character U+" + String.format("%04X", (int) ch));
            }
        }
        return v;
    }

    private static boolean printable(char ch) {
        return switch (Character.getType(ch)) {
            case Character.CONTROL,
                    Character.FORMAT,
                    Character.SURROGATE,
                    Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR -> false;
            default -> true;
        };
    }

    /** A number within ±{@code max}. */
    static Double bounded(ObjectNode json, String field, double max) {
        Double d = dbl(json, field);
        if (d != null && Math.abs(d) > max) throw BadField.outOfBounds(field, "beyond ±" + max);
        return d;
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

    /** A coordinate that must be present, within ±{@link FieldBounds#COORDINATE}. */
    static double requiredCoordinate(ObjectNode json, String field) {
        Double d = coordinate(json, field);
        if (d == null) throw new BadField(field, "missing");
        return d;
    }

    static Double coordinate(ObjectNode json, String field) {
        return bounded(json, field, FieldBounds.COORDINATE);
    }

    /** A whole number within 0..{@link FieldBounds#COUNTER}, rounded. */
    static Long lng(ObjectNode json, String field) {
        Double d = bounded(json, field, FieldBounds.COUNTER);
        if (d != null && d < 0) throw BadField.outOfBounds(field, "negative");
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
        // NaN would cast to 0 (1970) and pass the window: refuse it as the number it is not.
        if (!Double.isFinite(v)) throw BadField.outOfBounds("timestamp", "not a finite epoch");
        // Values above 1e11 cannot be seconds (year 5138): they are milliseconds.
        long millis = v > 1e11 ? (long) v : (long) (v * 1000);
        return Instant.ofEpochMilli(millis);
    }
}
