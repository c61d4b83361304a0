package dev.overlord.persistence.timeseries;

import dev.overlord.persistence.telemetry.TelemetryColumn;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The time-series tables, their columns and (on PostgreSQL) the names of their day partitions.
 *
 * <p>Partitions cover one UTC day each, {@code [day 00:00Z, day+1 00:00Z)}, and are named
 * {@code <table>_pYYYYMMDD}; rows outside every partition land in {@code <table>_default}.
 */
public enum TimeSeriesTable {
    TELEMETRY(
            "telemetry_events",
            Stream.concat(Arrays.stream(TelemetryColumn.values()).map(TelemetryColumn::sql), Stream.of("raw"))
                    .toList()),
    SPAWNS("spawn_events", List.of("character_name", "ts", "mob", "ew", "ns", "z"));

    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private final String tableName;
    private final List<String> columns;
    private final Pattern partitionName;

    TimeSeriesTable(String tableName, List<String> columns) {
        this.tableName = tableName;
        this.columns = columns;
        this.partitionName = Pattern.compile(Pattern.quote(tableName) + "_p(\\d{8})");
    }

    /** The table's SQL name, also the {@code table} label of the writer's metrics. */
    public String tableName() {
        return tableName;
    }

    /** Columns in the order rows are written. */
    public List<String> columns() {
        return columns;
    }

    /** The PostgreSQL partition that holds {@code day}. */
    public String partitionName(LocalDate day) {
        return tableName + "_p" + DAY.format(day);
    }

    /** The PostgreSQL partition that catches rows no day partition covers. */
    public String defaultPartitionName() {
        return tableName + "_default";
    }

    /** The day a partition of this table covers, if the name is one of ours. */
    public Optional<LocalDate> dayOf(String partition) {
        Matcher m = partitionName.matcher(partition);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(m.group(1), DAY));
        } catch (DateTimeParseException e) {
            return Optional.empty(); // e.g. p20251399: not a name we create, so not ours to manage
        }
    }

    /** A SQL literal for midnight UTC at the start of {@code day}; dates come from LocalDate, never from input. */
    static String midnightLiteral(LocalDate day) {
        return "'" + day + " 00:00:00+00'";
    }

    String insertSql() {
        return "INSERT INTO " + tableName + " (" + String.join(", ", columns) + ") VALUES ("
                + String.join(", ", columns.stream().map(c -> "?").toList()) + ")";
    }

    String copySql() {
        return "COPY " + tableName + " (" + String.join(", ", columns) + ") FROM STDIN (FORMAT text)";
    }
}
