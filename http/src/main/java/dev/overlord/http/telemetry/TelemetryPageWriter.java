package dev.overlord.http.telemetry;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.overlord.persistence.telemetry.TelemetryColumn;
import dev.overlord.persistence.telemetry.TelemetryColumns;
import dev.overlord.persistence.telemetry.TelemetryCursor;
import dev.overlord.persistence.telemetry.TelemetrySink;
import java.io.IOException;
import java.util.Optional;
import org.apache.pekko.util.ByteString;

/**
 * Writes a page of {@code GET /history} as JSON while the rows arrive from the database: straight
 * from the result set into a Jackson generator over a {@link ByteBuilder}, with no row objects and
 * no JSON tree. The bytes are exactly what {@link TelemetryJson#snapshot}'s row objects would give
 * (same field names and order, {@code null}s, numbers and {@link java.time.Instant#toString()}
 * timestamps), in one of two shapes ({@link Format}).
 *
 * <p>The rows are written as root-level values with the separators written here, so that
 * {@link #reset(long)} can cut the body back to any row boundary. One writer per page.
 */
final class TelemetryPageWriter implements TelemetrySink {

    /** The body's shape, chosen by the {@code format} parameter. */
    enum Format {
        /** {@code {"rows":[{"character_name":...,...},...],"next":...}}: one object per row (the default). */
        OBJECTS,
        /** {@code {"columns":["character_name",...],"rows":[[...],...],"next":...}}: one array per row. */
        COLUMNS
    }

    private static final TelemetryColumn[] COLUMNS = TelemetryColumn.values();

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final SerializedString[] NAMES = new SerializedString[COLUMNS.length];

    static {
        for (TelemetryColumn c : COLUMNS) {
            NAMES[c.ordinal()] = new SerializedString(c.json());
        }
    }

    private final Format format;
    private final ByteBuilder out;
    private final JsonGenerator gen;
    private final IsoInstant time = new IsoInstant();
    /** The body's length just after {@code "rows":[}: a row written there needs no comma. */
    private final long rowsStart;

    /** Starts a body; {@code expectedRows} only sizes the first buffer. */
    TelemetryPageWriter(Format format, int expectedRows) {
        this.format = format;
        this.out = new ByteBuilder(
                (int) Math.min(1 << 20, Math.max(1, expectedRows) * (format == Format.OBJECTS ? 320L : 160L)));
        try {
            gen = FACTORY.createGenerator(out);
            gen.setRootValueSeparator(null);
            if (format == Format.COLUMNS) {
                gen.writeRaw("{\"columns\":");
                gen.writeStartArray();
                for (TelemetryColumn c : COLUMNS) {
                    gen.writeString(c.json());
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
        boolean objects = format == Format.OBJECTS;
        if (objects) {
            gen.writeStartObject();
        } else {
            gen.writeStartArray();
        }
        for (TelemetryColumn c : COLUMNS) {
            if (objects) {
                gen.writeFieldName(NAMES[c.ordinal()]);
            }
            switch (c.kind()) {
                case TEXT -> gen.writeString(row.text(c));
                case INSTANT -> gen.writeString(time.chars(), 0, time.format(row.ts()));
                case NUMBER -> gen.writeNumber(row.number(c));
                case COUNT -> writeNullable(row.count(c), row);
                case RATE -> writeNullable(row.number(c), row);
            }
        }
        if (objects) {
            gen.writeEndObject();
        } else {
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
    ByteString finish(Optional<TelemetryCursor> next) throws IOException {
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
