package dev.overlord.http.readapi;

import dev.overlord.protocol.Echo;
import dev.overlord.protocol.FieldBounds;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Typed, range-checked access to a read endpoint's query string. Parsing stops at the first bad
 * parameter ({@link #parse}); unknown parameters are ignored.
 */
public final class QueryParams {

    /** Longest character name the schema stores. */
    public static final int MAX_NAME = 64;

    // Instants the database can store and Java can print: the same range a frame may carry.
    private static final Instant EARLIEST = FieldBounds.EARLIEST;
    private static final Instant LATEST = FieldBounds.LATEST;
    private static final Pattern EPOCH_SECONDS = Pattern.compile("-?\\d{1,15}(\\.\\d{1,9})?");

    private final Map<String, String> values;

    private QueryParams(Map<String, String> values) {
        this.values = values;
    }

    /** Parses {@code params} with {@code body}, which throws {@link BadParameter} at the first bad one. */
    public static <R> Parsed<R> parse(Map<String, String> params, Function<QueryParams, R> body) {
        try {
            return new Parsed.Valid<>(body.apply(new QueryParams(params)));
        } catch (BadParameter e) {
            return new Parsed.Invalid<>(e.parameter, e.getMessage());
        }
    }

    /** A bad parameter; never leaves {@link #parse}. */
    public static final class BadParameter extends RuntimeException {
        final String parameter;

        public BadParameter(String parameter, String reason) {
            super(reason, null, false, false);
            this.parameter = parameter;
        }
    }

    public Optional<String> text(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** A character name: not blank, at most {@value #MAX_NAME} characters. */
    public Optional<String> name(String name) {
        Optional<String> value = text(name);
        if (value.isPresent() && value.get().isBlank()) {
            throw new BadParameter(name, "must not be empty");
        }
        if (value.isPresent() && value.get().length() > MAX_NAME) {
            throw new BadParameter(name, "is longer than " + MAX_NAME + " characters");
        }
        return value;
    }

    public int integer(String name, int fallback, int min, int max) {
        Optional<String> value = text(name);
        if (value.isEmpty()) {
            return fallback;
        }
        long n;
        try {
            n = Long.parseLong(value.get().trim());
        } catch (NumberFormatException e) {
            throw new BadParameter(
                    name,
                    "expected a whole number from " + min + " to " + max + ", got '" + shorten(value.get()) + "'");
        }
        if (n < min || n > max) {
            throw new BadParameter(name, "must be from " + min + " to " + max + ", got " + n);
        }
        return (int) n;
    }

    public double decimal(String name, double fallback, double min, double max) {
        Optional<String> value = text(name);
        if (value.isEmpty()) {
            return fallback;
        }
        double d;
        try {
            d = Double.parseDouble(value.get().trim());
        } catch (NumberFormatException e) {
            d = Double.NaN;
        }
        if (Double.isNaN(d) || d < min || d > max) {
            throw new BadParameter(
                    name, "expected a number from " + min + " to " + max + ", got '" + shorten(value.get()) + "'");
        }
        return d;
    }

    /** An ISO-8601 instant with an offset, or epoch seconds; 1970 through 9999. */
    public Optional<Instant> instant(String name) {
        return text(name).map(raw -> {
            Instant t = parseInstant(raw.trim())
                    .orElseThrow(() -> new BadParameter(
                            name,
                            "expected an ISO-8601 instant such as 2026-11-23T10:15:02Z or epoch seconds, got '"
                                    + shorten(raw) + "'"));
            return inRange(name, t);
        });
    }

    /** {@code t}, when between 1970 and the end of 9999; otherwise the parameter is refused (400). */
    public static Instant inRange(String name, Instant t) {
        if (t.isBefore(EARLIEST) || t.isAfter(LATEST)) {
            throw new BadParameter(name, "must be between " + EARLIEST + " and " + LATEST);
        }
        return t;
    }

    private static Optional<Instant> parseInstant(String s) {
        if (EPOCH_SECONDS.matcher(s).matches()) {
            BigDecimal seconds = new BigDecimal(s);
            return Optional.of(Instant.ofEpochSecond(
                    seconds.longValue(),
                    seconds.remainder(BigDecimal.ONE).movePointRight(9).intValue()));
        }
        try {
            return Optional.of(OffsetDateTime.parse(s).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Echoes at most 40 printable characters of what the client sent, on one line. */
    public static String shorten(String s) {
        return Echo.line(s.length() <= 40 ? s : s.substring(0, 40) + "...", 43);
    }
}
