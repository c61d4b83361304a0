package dev.overlord.http.history;

import dev.overlord.persistence.query.HistoryCursor;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
* The query parameters of the history endpoints, parsed strictly into one request record per
* endpoint, or into the name of the first bad parameter and why. Unknown parameters are ignored.
*/
final class HistoryRequests {

  static final Duration MAX_HISTORY_RANGE = Duration.ofDays(31);
  static final int DEFAULT_PAGE = 1_000;
  static final int MAX_PAGE = 10_000;
  /** With {@code character}: a whole day of one character at the reference's rate (43,200 rows) fits one page. */
  static final int MAX_CHARACTER_PAGE = 50_000;
  /** The longest {@code step} of {@code GET /history}: a day. */
  static final int MAX_STEP_SECONDS = 86_400;
  static final int DEFAULT_TRAIL_MINUTES = 10;
  static final int MAX_TRAIL_MINUTES = 24 * 60;
  static final int DEFAULT_TRAIL_POINTS = 200;
  static final int MAX_TRAIL_POINTS = 2_000;
  static final int DEFAULT_HEATMAP_HOURS = 24;
  static final int MAX_HEATMAP_HOURS = 168;
  static final double DEFAULT_BIN = 1.0;
  static final double MIN_BIN = 0.1;
  static final double MAX_BIN = 50.0;
  static final int DEFAULT_CELLS = 10_000;
  static final int MAX_CELLS = 100_000;
  static final int DEFAULT_RARES = 50;
  static final int MAX_RARES = 1_000;
  static final int DEFAULT_SESSIONS = 10;
  static final int MAX_SESSIONS = 100;
  static final int DEFAULT_SNAPSHOT_WINDOW_SECONDS = 300;
  static final int MAX_SNAPSHOT_WINDOW_SECONDS = 3_600;
  /** Longest character name the schema stores. */
  static final int MAX_NAME = 64;

  // Instants the database can store and Java can print: 1970 through year 9999.
  private static final Instant EARLIEST = Instant.EPOCH;
  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");
  private static final Pattern EPOCH_SECONDS = Pattern.compile("-?\\d{1,15}(\\.\\d{1,9})?");

  private HistoryRequests() {}

  /** A parse result: the request, or the first bad parameter. */
  sealed interface Parsed<R> {}

  record Valid<R>(R request) implements Parsed<R> {}

  record Invalid<R>(String parameter, String reason) implements Parsed<R> {
    /** The message clients see: which parameter and why. */
    String message() {
      return "parameter '" + parameter + "': " + reason;
    }
  }

  /** {@code GET /history}. */
  record History(Instant from, Instant to, Optional<String> character, OptionalInt step, int limit,
      Optional<HistoryCursor> cursor, HistoryPageWriter.Format format) {}

  /** {@code GET /trails}. */
  record Trails(Duration window, int points) {}

  /** {@code GET /spawns/heatmap}. */
  record Heatmap(int hours, double bin, int limit) {}

  /** {@code GET /rares}. */
  record Rares(Optional<String> character, int limit) {}

  /** {@code GET /combat-stats/{character}}. */
  record Combat(int sessions) {}

  /** {@code GET /history/snapshot}. */
  record Snapshot(Instant at, Duration window) {}

  static Parsed<History> history(Map<String, String> params, Instant now) {
    return parse(params, p -> {
      Instant from = p.instant("from").orElseThrow(() -> new BadParameter("from", "is required"));
      Instant to = p.instant("to").orElse(now);
      if (!from.isBefore(to)) {
        throw new BadParameter("from", "must be before 'to' (" + to + ")");
      }
      if (Duration.between(from, to).compareTo(MAX_HISTORY_RANGE) > 0) {
        throw new BadParameter("to", "the range may span at most " + MAX_HISTORY_RANGE.toDays() + " days");
      }
      Optional<String> character = p.name("character");
      OptionalInt step = p.text("step").isPresent()
          ? OptionalInt.of(p.integer("step", 0, 1, MAX_STEP_SECONDS))
          : OptionalInt.empty();
      int limit = p.integer("limit", DEFAULT_PAGE, 1, character.isPresent() ? MAX_CHARACTER_PAGE : MAX_PAGE);
      Optional<HistoryCursor> cursor = p.text("cursor").map(token -> {
        try {
          return HistoryCursor.decode(token);
        } catch (IllegalArgumentException e) {
          throw new BadParameter("cursor", e.getMessage());
        }
      });
      HistoryPageWriter.Format format = switch (p.text("format").orElse("objects")) {
        case "objects" -> HistoryPageWriter.Format.OBJECTS;
        case "columns" -> HistoryPageWriter.Format.COLUMNS;
        default -> throw new BadParameter("format", "expected 'objects' or 'columns', got '"
            + Params.shorten(p.text("format").get()) + "'");
      };
      return new History(from, to, character, step, limit, cursor, format);
    });
  }

  static Parsed<Trails> trails(Map<String, String> params) {
    return parse(params, p -> new Trails(
        Duration.ofMinutes(p.integer("minutes", DEFAULT_TRAIL_MINUTES, 1, MAX_TRAIL_MINUTES)),
        p.integer("points", DEFAULT_TRAIL_POINTS, 1, MAX_TRAIL_POINTS)));
  }

  static Parsed<Heatmap> heatmap(Map<String, String> params) {
    return parse(params, p -> new Heatmap(
        p.integer("hours", DEFAULT_HEATMAP_HOURS, 1, MAX_HEATMAP_HOURS),
        p.decimal("bin", DEFAULT_BIN, MIN_BIN, MAX_BIN),
        p.integer("limit", DEFAULT_CELLS, 1, MAX_CELLS)));
  }

  static Parsed<Rares> rares(Map<String, String> params) {
    return parse(params, p -> new Rares(p.name("character"), p.integer("limit", DEFAULT_RARES, 1, MAX_RARES)));
  }

  static Parsed<Combat> combat(Map<String, String> params) {
    return parse(params, p -> new Combat(p.integer("sessions", DEFAULT_SESSIONS, 1, MAX_SESSIONS)));
  }

  static Parsed<Snapshot> snapshot(Map<String, String> params) {
    return parse(params, p -> new Snapshot(
        p.instant("at").orElseThrow(() -> new BadParameter("at", "is required")),
        Duration.ofSeconds(p.integer("window", DEFAULT_SNAPSHOT_WINDOW_SECONDS, 1, MAX_SNAPSHOT_WINDOW_SECONDS))));
  }

  // Parsing stops at the first bad parameter; the exception never leaves this class.
  private static <R> Parsed<R> parse(Map<String, String> params, Function<Params, R> body) {
    try {
      return new Valid<>(body.apply(new Params(params)));
    } catch (BadParameter e) {
      return new Invalid<>(e.parameter, e.getMessage());
    }
  }

  private static final class BadParameter extends RuntimeException {
    final String parameter;

    BadParameter(String parameter, String reason) {
      super(reason, null, false, false);
      this.parameter = parameter;
    }
  }

  /** Typed access to the query string with range checks. */
  private record Params(Map<String, String> values) {

    Optional<String> text(String name) {
      return Optional.ofNullable(values.get(name));
    }

    Optional<String> name(String name) {
      Optional<String> value = text(name);
      if (value.isPresent() && value.get().isBlank()) {
        throw new BadParameter(name, "must not be empty");
      }
      if (value.isPresent() && value.get().length() > MAX_NAME) {
        throw new BadParameter(name, "is longer than " + MAX_NAME + " characters");
      }
      return value;
    }

    int integer(String name, int fallback, int min, int max) {
      Optional<String> value = text(name);
      if (value.isEmpty()) {
        return fallback;
      }
      long n;
      try {
        n = Long.parseLong(value.get().trim());
      } catch (NumberFormatException e) {
        throw new BadParameter(name, "expected a whole number from " + min + " to " + max + ", got '"
            + shorten(value.get()) + "'");
      }
      if (n < min || n > max) {
        throw new BadParameter(name, "must be from " + min + " to " + max + ", got " + n);
      }
      return (int) n;
    }

    double decimal(String name, double fallback, double min, double max) {
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
        throw new BadParameter(name, "expected a number from " + min + " to " + max + ", got '"
            + shorten(value.get()) + "'");
      }
      return d;
    }

    Optional<Instant> instant(String name) {
      return text(name).map(raw -> {
        Instant t = parseInstant(raw.trim()).orElseThrow(() -> new BadParameter(name,
            "expected an ISO-8601 instant such as 2026-11-23T10:15:02Z or epoch seconds, got '"
                + shorten(raw) + "'"));
        if (t.isBefore(EARLIEST) || t.isAfter(LATEST)) {
          throw new BadParameter(name, "must be between " + EARLIEST + " and " + LATEST);
        }
        return t;
      });
    }

    private static Optional<Instant> parseInstant(String s) {
      if (EPOCH_SECONDS.matcher(s).matches()) {
        BigDecimal seconds = new BigDecimal(s);
        return Optional.of(Instant.ofEpochSecond(
            seconds.longValue(), seconds.remainder(BigDecimal.ONE).movePointRight(9).intValue()));
      }
      try {
        return Optional.of(OffsetDateTime.parse(s).toInstant());
      } catch (DateTimeParseException e) {
        return Optional.empty();
      }
    }

    /** Echoes at most 40 characters of what the client sent. */
    private static String shorten(String s) {
      return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
  }
}
