package dev.overlord.persistence.timeseries;

import dev.overlord.persistence.telemetry.TelemetryColumn;
import java.time.Instant;
import java.util.List;

/**
 * Rows in PostgreSQL's COPY text format: tab between columns, newline after each row, {@code \N}
 * for null, and backslash escapes for backslash, tab, newline and carriage return.
 *
 * <p>Text rather than CSV because every special character is escaped, so no value (not even a
 * line holding only {@code \.}) can be mistaken for a delimiter or the end of the data.
 */
final class CopyText {

    private static final TelemetryColumn[] TELEMETRY_COLUMNS = TelemetryColumn.values();

    private CopyText() {}

    static String encode(List<TimeSeriesRow> rows) {
        StringBuilder sb = new StringBuilder(rows.size() * 256);
        for (TimeSeriesRow row : rows) {
            switch (row) {
                case TimeSeriesRow.Telemetry t -> {
                    for (TelemetryColumn column : TELEMETRY_COLUMNS) {
                        Object value = t.columns().value(column);
                        switch (column.kind()) {
                            case TEXT -> text(sb, (String) value);
                            case INSTANT -> sb.append((Instant) value);
                            case NUMBER, RATE, COUNT -> value(sb, (Number) value);
                        }
                        sb.append('\t');
                    }
                    text(sb, t.raw());
                }
                case TimeSeriesRow.Spawn s -> {
                    text(sb, s.characterName()).append('\t');
                    sb.append(s.ts()).append('\t');
                    text(sb, s.mob()).append('\t');
                    sb.append(s.ew()).append('\t').append(s.ns()).append('\t');
                    value(sb, s.z());
                }
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** Numbers print the way PostgreSQL reads them ({@code 1.0E-5} included). */
    private static StringBuilder value(StringBuilder sb, Number n) {
        return n == null ? sb.append("\\N") : sb.append(n);
    }

    private static StringBuilder text(StringBuilder sb, String s) {
        if (s == null) {
            return sb.append("\\N");
        }
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '\\' -> sb.append("\\\\");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                default -> sb.append(ch);
            }
        }
        return sb;
    }
}
