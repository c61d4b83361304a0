package dev.overlord.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import dev.overlord.persistence.testing.TestDatabase;
import dev.overlord.persistence.testing.TestDatabases;
import dev.overlord.protocol.FrameParser;
import dev.overlord.protocol.ParseResult;
import dev.overlord.protocol.PluginFrame;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The database scenarios ({@link CopyScenario copy}, {@link JournalScenario journal}, {@link
 * HistoryScenario history}), each against a real Overlord ({@code Server.start}) on a fresh
 * PostgreSQL database that is dropped afterwards (and H2 for the journal, for comparison); and what
 * they share: their sizes, progress output, the database and realistic telemetry frames.
 *
 * <p>PostgreSQL is found as the persistence tests find it ({@link TestDatabases}): {@code OVERLORD_TEST_PG_URL} (default
 * {@code jdbc:postgresql://127.0.0.1:5432/postgres}), {@code OVERLORD_TEST_PG_USER}, {@code
 * OVERLORD_TEST_PG_PASSWORD}. Note that PostgreSQL's own CPU shows under "others" in the CPU column.
 *
 * @param settings the sizes of every database scenario
 * @param progress where each scenario reports as it goes
 */
public record DatabaseBench(Settings settings, PrintStream progress) {

    /** Sizes of the database scenarios (BenchMain's keys: copy-rows=, journal-window=, ...). */
    public record Settings(
            int copyRows,
            int copyCharacters,
            int copyRounds,
            int journalEntities,
            List<Integer> journalWindows,
            Duration journalWarmup,
            Duration journalMeasure,
            boolean journalH2,
            int historyDays,
            int historyCharacters,
            int historyRequests) {
        public static Settings full() {
            return new Settings(
                    400_000,
                    100,
                    2,
                    100,
                    List.of(1, 8, 32),
                    Duration.ofSeconds(5),
                    Duration.ofSeconds(15),
                    true,
                    30,
                    20,
                    50);
        }

        public static Settings smoke() {
            return new Settings(
                    3_000, 10, 1, 10, List.of(4), Duration.ofMillis(500), Duration.ofSeconds(1), true, 2, 3, 3);
        }
    }

    /** The scenarios called {@code names}, in the order they run: copy, journal, history. */
    static List<Scenario<DatabaseBench, DatabaseReport>> scenarios(List<String> names) {
        List<Scenario<DatabaseBench, DatabaseReport>> all =
                List.of(new CopyScenario(), new JournalScenario(), new HistoryScenario());
        return all.stream().filter(sc -> names.contains(sc.name())).toList();
    }

    /** Whether {@code name} is a database scenario. */
    static boolean knows(String name) {
        return scenarios(List.of(name)).size() == 1;
    }

    /** Runs the scenarios called {@code names}; progress goes to {@code progress}. */
    public static DatabaseReport run(List<String> names, Settings s, PrintStream progress) {
        DatabaseBench bench = new DatabaseBench(s, progress);
        DatabaseReport report = DatabaseReport.EMPTY;
        for (Scenario<DatabaseBench, DatabaseReport> sc : scenarios(names)) report = sc.run(bench, report);
        return report;
    }

    static final LocalDate FIRST_DAY = LocalDate.of(2026, 10, 1);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Settings that point a server at {@code db}, the benchmark's fresh PostgreSQL database. */
    static Config overrides(TestDatabase db) {
        return ConfigFactory.empty()
                .withValue(
                        "overlord.database.url",
                        ConfigValueFactory.fromAnyRef(db.settings().url()))
                .withValue(
                        "overlord.database.user",
                        ConfigValueFactory.fromAnyRef(db.settings().user()))
                .withValue(
                        "overlord.database.password",
                        ConfigValueFactory.fromAnyRef(db.settings().password()))
                // The benchmark's rows are dated in the past: keep retention away from them.
                .withValue("overlord.retention.telemetry", ConfigValueFactory.fromAnyRef("3650 days"))
                .withValue("overlord.retention.initial-delay", ConfigValueFactory.fromAnyRef("1 hour"));
    }

    static Connection connect(TestDatabase db) throws SQLException {
        return TestDatabases.connect(db.settings().url());
    }

    static long queryLong(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static void createDailyPartitions(Connection c, LocalDate first, int days) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (int d = 0; d < days; d++) {
                LocalDate day = first.plusDays(d);
                st.execute("CREATE TABLE IF NOT EXISTS telemetry_events_p"
                        + day.toString().replace("-", "")
                        + " PARTITION OF telemetry_events FOR VALUES FROM ('" + day + " 00:00:00+00') TO ('"
                        + day.plusDays(1) + " 00:00:00+00')");
            }
        }
    }

    /** A realistic telemetry frame of character {@code name} at {@code ts} with {@code kills}. */
    static String telemetry(ObjectNode template, String name, Instant ts, long kills, String session) {
        ObjectNode t = template.deepCopy();
        t.put("character_name", name);
        t.put("timestamp", ts.toString());
        t.put("kills", kills);
        t.put("session_id", session);
        t.put("ew", 30 + ThreadLocalRandom.current().nextDouble(10));
        t.put("ns", -10 + ThreadLocalRandom.current().nextDouble(10));
        return t.toString();
    }

    /** The simulator's telemetry frame that the parse benchmark uses too (about 1 KB of raw JSON). */
    static ObjectNode template() {
        try {
            return (ObjectNode) JSON.readTree(FrameParseBenchmark.frame("telemetry"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A frame the benchmark made, parsed; it must parse. */
    static PluginFrame parse(FrameParser parser, String text) {
        if (parser.parse(text) instanceof ParseResult.Parsed p) return p.frame();
        throw new IllegalStateException("does not parse: " + text);
    }

    /** Escapes a value for PostgreSQL's COPY text format. */
    static void escape(StringBuilder b, String s) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '\\' -> b.append("\\\\");
                case '\t' -> b.append("\\t");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                default -> b.append(ch);
            }
        }
    }
}
