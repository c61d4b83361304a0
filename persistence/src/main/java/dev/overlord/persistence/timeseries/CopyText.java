package dev.overlord.persistence.timeseries;

import java.util.List;

/**
 * Rows in PostgreSQL's COPY text format: tab between columns, newline after each row, {@code \N}
 * for null, and backslash escapes for backslash, tab, newline and carriage return.
 *
 * <p>Text rather than CSV because every special character is escaped, so no value (not even a
 * line holding only {@code \.}) can be mistaken for a delimiter or the end of the data.
 */
final class CopyText {

    private CopyText() {}

    static String encode(List<TimeSeriesRow> rows) {
        StringBuilder sb = new StringBuilder(rows.size() * 256);
        for (TimeSeriesRow row : rows) {
            switch (row) {
                case TimeSeriesRow.Telemetry t -> {
                    text(sb, t.characterName()).append('\t');
                    sb.append(t.ts()).append('\t');
                    sb.append(t.ew())
                            .append('\t')
                            .append(t.ns())
                            .append('\t')
                            .append(t.z())
                            .append('\t');
                    value(sb, t.kills()).append('\t');
                    value(sb, t.killsPerHour()).append('\t');
                    value(sb, t.deaths()).append('\t');
                    value(sb, t.totalDeaths()).append('\t');
                    value(sb, t.raresFound()).append('\t');
                    value(sb, t.prismaticTaperCount()).append('\t');
                    text(sb, t.vtState()).append('\t');
                    text(sb, t.sessionId()).append('\t');
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
