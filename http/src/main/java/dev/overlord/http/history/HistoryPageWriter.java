package dev.overlord.http.history;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.overlord.persistence.query.HistoryCursor;
import dev.overlord.persistence.query.HistorySink;
import dev.overlord.persistence.query.TelemetryColumns;
import java.io.IOException;
import java.util.Optional;
import org.apache.pekko.util.ByteString;

/**
 * Writes a page of {@code GET /history} as JSON while the rows arrive from the database: straight
 * from the result set into a Jackson generator over a {@link ByteBuilder}, with no row objects and
 * no JSON tree. The bytes are exactly what {@link HistoryJson#snapshot}'s row objects would give
 * (same field names and order, {@code null}s, numbers and {@link java.time.Instant#toString()}
 * timestamps), in one of two shapes ({@link Format}).
 *
 * <p>The rows are written as root-level values with the separators written here, so that
 * {@link #reset(long)} can cut the body back to any row boundary. One writer per page.
 */
final class HistoryPageWriter implements HistorySink {

  /** The body's shape, chosen by the {@code format} parameter. */
  enum Format {
    /** {@code {"rows":[{"character_name":...,...},...],"next":...}}: one object per row (the default). */
    OBJECTS,
    /** {@code {"columns":["character_name",...],"rows":[[...],...],"next":...}}: one array per row. */
    COLUMNS
  }

  /** The fields of a telemetry row in the order the API writes them. */
  static final String[] FIELDS = {
    "character_name", "timestamp", "ew", "ns", "z", "kills", "kills_per_hour", "deaths", "total_deaths",
    "rares_found", "prismatic_taper_count", "vt_state", "session_id"
  };

  private static final JsonFactory FACTORY = new JsonFactory();
  private static final SerializedString[] NAMES = new SerializedString[FIELDS.length];

  static {
    for (int i = 0; i < FIELDS.length; i++) {
      NAMES[i] = new SerializedString(FIELDS[i]);
    }
  }

  private final Format format;
  private final ByteBuilder out;
  private final JsonGenerator gen;
  private final IsoInstant time = new IsoInstant();
  /** The body's length just after {@code "rows":[}: a row written there needs no comma. */
  private final long rowsStart;

  /** Starts a body; {@code expectedRows} only sizes the first buffer. */
  HistoryPageWriter(Format format, int expectedRows) {
    this.format = format;
    this.out = new ByteBuilder((int) Math.min(1 << 20, Math.max(1, expectedRows) * (format == Format.OBJECTS ? 320L : 160L)));
    try {
      gen = FACTORY.createGenerator(out);
      gen.setRootValueSeparator(null);
      if (format == Format.COLUMNS) {
        gen.writeRaw("{\"columns\":");
        gen.writeStartArray();
        for (String field : FIELDS) {
          gen.writeString(field);
        }
        gen.writeEndArray();
        gen.writeRaw(",\"rows\":[");
      } else {
        gen.writeRaw("{\"rows\":[");
      }
      rowsStart = position();
    } catch (IOException e) {
      throw new IllegalStateException("writing to memory failed", e);
    }
  }

  @Override
  public void row(TelemetryColumns row) throws IOException {
    if (position() > rowsStart) {
      gen.writeRaw(',');
    }
    if (format == Format.OBJECTS) {
      gen.writeStartObject();
      gen.writeFieldName(NAMES[0]);
      gen.writeString(row.characterName());
      gen.writeFieldName(NAMES[1]);
      gen.writeString(time.chars(), 0, time.format(row.ts()));
      gen.writeFieldName(NAMES[2]);
      gen.writeNumber(row.ew());
      gen.writeFieldName(NAMES[3]);
      gen.writeNumber(row.ns());
      gen.writeFieldName(NAMES[4]);
      gen.writeNumber(row.z());
      gen.writeFieldName(NAMES[5]);
      writeNullable(row.kills(), row);
      gen.writeFieldName(NAMES[6]);
      writeNullable(row.killsPerHour(), row);
      gen.writeFieldName(NAMES[7]);
      writeNullable(row.deaths(), row);
      gen.writeFieldName(NAMES[8]);
      writeNullable(row.totalDeaths(), row);
      gen.writeFieldName(NAMES[9]);
      writeNullable(row.raresFound(), row);
      gen.writeFieldName(NAMES[10]);
      writeNullable(row.prismaticTaperCount(), row);
      gen.writeFieldName(NAMES[11]);
      gen.writeString(row.vtState());
      gen.writeFieldName(NAMES[12]);
      gen.writeString(row.sessionId());
      gen.writeEndObject();
    } else {
      gen.writeStartArray();
      gen.writeString(row.characterName());
      gen.writeString(time.chars(), 0, time.format(row.ts()));
      gen.writeNumber(row.ew());
      gen.writeNumber(row.ns());
      gen.writeNumber(row.z());
      writeNullable(row.kills(), row);
      writeNullable(row.killsPerHour(), row);
      writeNullable(row.deaths(), row);
      writeNullable(row.totalDeaths(), row);
      writeNullable(row.raresFound(), row);
      writeNullable(row.prismaticTaperCount(), row);
      gen.writeString(row.vtState());
      gen.writeString(row.sessionId());
      gen.writeEndArray();
    }
  }

  /** {@code value} was just read from {@code row}, whose {@code wasNull()} tells if it was NULL. */
  private void writeNullable(long value, TelemetryColumns row) throws IOException {
    if (row.wasNull()) {
      gen.writeNull();
    } else {
      gen.writeNumber(value);
    }
  }

  private void writeNullable(double value, TelemetryColumns row) throws IOException {
    if (row.wasNull()) {
      gen.writeNull();
    } else {
      gen.writeNumber(value);
    }
  }

  @Override
  public long mark() {
    return position();
  }

  @Override
  public void reset(long mark) throws IOException {
    gen.flush();
    out.truncate(mark);
  }

  /** Whether no row is (still) in the body. */
  boolean isEmpty() {
    return position() == rowsStart;
  }

  /** Ends the body with {@code next} and returns it; the writer is done. */
  ByteString finish(Optional<HistoryCursor> next) throws IOException {
    gen.writeRaw("],\"next\":");
    if (next.isPresent()) {
      gen.writeString(next.get().encode());
    } else {
      gen.writeNull();
    }
    gen.writeRaw('}');
    gen.close();
    return out.toByteString();
  }

  /** Bytes of the body so far, those still in the generator's buffer included. */
  private long position() {
    return out.size() + gen.getOutputBuffered();
  }
}
