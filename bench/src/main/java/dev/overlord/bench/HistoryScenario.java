package dev.overlord.bench;

import static dev.overlord.bench.DatabaseBench.FIRST_DAY;
import static dev.overlord.bench.DatabaseBench.connect;
import static dev.overlord.bench.DatabaseBench.createDailyPartitions;
import static dev.overlord.bench.DatabaseBench.escape;
import static dev.overlord.bench.DatabaseBench.overrides;
import static dev.overlord.bench.DatabaseBench.queryLong;
import static dev.overlord.bench.DatabaseBench.template;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overlord.persistence.testing.TestDatabase;
import dev.overlord.persistence.testing.TestDatabases;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * {@code GET /history} for one character over 24 h on a table of {@code days} daily partitions ×
 * {@code characters} characters at one row per 2 s; and the query alone, without JSON or HTTP.
 */
public final class HistoryScenario implements Scenario<DatabaseBench, DatabaseReport> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String name() {
        return "history";
    }

    @Override
    public DatabaseReport run(DatabaseBench bench, DatabaseReport report) {
        DatabaseBench.Settings s = bench.settings();
        return report.withHistory(
                List.of(history(s.historyDays(), s.historyCharacters(), s.historyRequests(), bench.progress())));
    }

    /**
     * One timed round of {@link #history}: latencies (client-side, request sent to last byte in /
     * body parsed), how many requests a round took and the body size.
     */
    public record Round(
            String name,
            LatencyHistogram total,
            LatencyHistogram response,
            LatencyHistogram parse,
            int requests,
            long bytes,
            int rows) {}

    /** The table the rounds ran on, the rounds, and the query alone. */
    public record Result(
            int days,
            int characters,
            long rows,
            String tableSize,
            double loadSeconds,
            int requests,
            int rowsPerDay,
            List<Round> rounds,
            LatencyHistogram query,
            CpuMeter.Usage cpu) {}

    /** Rows per page the API allows for one character: a whole day at one row per 2 s. */
    static final int ONE_CHARACTER_PAGE = 50_000;

    /**
     * Loads {@code days} × {@code characters} × 43,200 rows by COPY into daily partitions, then
     * {@code VACUUM (ANALYZE)} (what autovacuum does to insert-only partitions within the day: it sets
     * the visibility map the index-only scan needs), then times {@code requests} rounds, each for one
     * character (rotating) and a 24 h window (rotating days and start hours), of: the whole 24 h in as
     * few requests as the API allows (limit 50,000: one), as row objects and as {@code format=columns};
     * one page of the default size (1,000 rows); one page of 10,000 (the old cap, comparable with
     * earlier runs); the whole 24 h downsampled with {@code step=60} as columns (a chart's request,
     * 1,440 rows); and the query alone ({@code TelemetryQueries.page} into a sink that reads every
     * column, no JSON, no HTTP). Every body is parsed by Jackson ({@code readTree}) and its rows counted.
     */
    public static Result history(int days, int characters, int requests, PrintStream progress) {
        int perDay = 43_200;
        try (TestDatabase pg = TestDatabases.freshPostgres();
                OverlordTarget server = OverlordTarget.start(64, overrides(pg))) {
            long t0 = System.nanoTime();
            ObjectNode template = template();
            String raw = template.toString();
            try (Connection c = connect(pg)) {
                createDailyPartitions(c, FIRST_DAY, days);
                CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
                for (int d = 0; d < days; d++) {
                    LocalDate day = FIRST_DAY.plusDays(d);
                    String sql = "COPY telemetry_events_p" + day.toString().replace("-", "")
                            + " (character_name, ts, ew, ns, z, kills, vt_state, session_id, raw) FROM STDIN (FORMAT text)";
                    Instant start = day.atStartOfDay().toInstant(ZoneOffset.UTC);
                    StringBuilder b = new StringBuilder(1 << 20);
                    var in = copy.copyIn(sql);
                    for (int s = 0; s < perDay; s++) {
                        String ts = start.plusSeconds(2L * s).toString();
                        for (int ch = 0; ch < characters; ch++) {
                            b.append("Bench Char ")
                                    .append(ch)
                                    .append('\t')
                                    .append(ts)
                                    .append('\t')
                                    .append(30 + (s % 1000) * 0.01)
                                    .append('\t')
                                    .append(-10 + (ch % 50) * 0.1)
                                    .append("\t0\t")
                                    .append(d * perDay + s)
                                    .append("\tCombat\ts-")
                                    .append(ch)
                                    .append('\t');
                            escape(b, raw);
                            b.append('\n');
                        }
                        if (b.length() > (1 << 20)) {
                            byte[] bytes = b.toString().getBytes(StandardCharsets.UTF_8);
                            in.writeToCopy(bytes, 0, bytes.length);
                            b.setLength(0);
                        }
                    }
                    byte[] bytes = b.toString().getBytes(StandardCharsets.UTF_8);
                    in.writeToCopy(bytes, 0, bytes.length);
                    in.endCopy();
                    progress.printf(Locale.ROOT, "history: day %d of %d loaded%n", d + 1, days);
                }
                try (Statement st = c.createStatement()) {
                    // As autovacuum would within the day (PostgreSQL >= 13 vacuums insert-only tables too):
                    // statistics, and the visibility map that lets the history query skip the heap.
                    st.execute("VACUUM (ANALYZE) telemetry_events");
                }
            }
            double load = (System.nanoTime() - t0) / 1e9;
            long rows;
            String size;
            try (Connection c = connect(pg);
                    Statement st = c.createStatement()) {
                rows = queryLong(c, "SELECT count(*) FROM telemetry_events");
                try (ResultSet rs = st.executeQuery("SELECT pg_size_pretty(sum(pg_total_relation_size(inhrelid)))"
                        + " || ' (' || pg_size_pretty(sum(pg_relation_size(inhrelid))) || ' heap)'"
                        + " FROM pg_inherits WHERE inhparent = 'telemetry_events'::regclass")) {
                    rs.next();
                    size = rs.getString(1);
                }
            }
            progress.printf(Locale.ROOT, "history: %d rows, %s, loaded and vacuumed in %.0f s%n", rows, size, load);

            HttpClient http = HttpClient.newHttpClient();
            var queries = new dev.overlord.persistence.telemetry.TelemetryQueries(
                    server.server().database().dataSource());
            String base = "http://127.0.0.1:" + server.port() + "/history?character=";
            String[][] kinds = {
                // name, extra parameters, whether the round follows next to the end of the day
                {"the whole 24 h, row objects (limit=50000)", "&limit=" + ONE_CHARACTER_PAGE, "day"},
                {
                    "the whole 24 h, `format=columns` (limit=50000)",
                    "&limit=" + ONE_CHARACTER_PAGE + "&format=columns",
                    "day"
                },
                {"one default page (1,000 rows)", "", "page"},
                {"one page of 10,000 rows (the old cap)", "&limit=10000", "page"},
                {
                    "the whole 24 h at `step=60`, `format=columns` (1,440 rows)",
                    "&limit=" + ONE_CHARACTER_PAGE + "&format=columns&step=60",
                    "stepped"
                },
            };
            List<Round> rounds = new ArrayList<>();
            for (String[] k : kinds) {
                rounds.add(new Round(
                        k[0], new LatencyHistogram(), new LatencyHistogram(), new LatencyHistogram(), 0, 0, 0));
            }
            LatencyHistogram query = new LatencyHistogram();
            // Warm-up rounds (JIT, caches) are not counted.
            int warm = Math.max(2, requests / 5);
            CpuMeter cpu = null;
            for (int i = -warm; i < requests; i++) {
                if (i == 0) cpu = new CpuMeter();
                int ch = Math.floorMod(i * 7, characters);
                int d = Math.floorMod(i * 11, Math.max(1, days - 1));
                Instant from = FIRST_DAY
                        .plusDays(d)
                        .atStartOfDay()
                        .toInstant(ZoneOffset.UTC)
                        .plusSeconds(3600L * (i & 7));
                Instant to = from.plus(Duration.ofDays(1));
                String name = "Bench Char " + ch;
                String q = base + URLEncoder.encode(name, StandardCharsets.UTF_8) + "&from=" + from + "&to=" + to;
                int expected = (int) Math.min(
                        perDay,
                        Duration.between(
                                                from,
                                                FIRST_DAY
                                                        .plusDays(days)
                                                        .atStartOfDay()
                                                        .toInstant(ZoneOffset.UTC))
                                        .getSeconds()
                                / 2);
                for (int r = 0; r < kinds.length; r++) {
                    boolean stepped = kinds[r][2].equals("stepped");
                    boolean wholeDay = stepped || kinds[r][2].equals("day");
                    long s0 = System.nanoTime();
                    long responseNanos = 0;
                    long parseNanos = 0;
                    long bytes = 0;
                    String cursor = null;
                    int got = 0;
                    int pages = 0;
                    do {
                        String uri = q
                                + kinds[r][1]
                                + (cursor == null
                                        ? ""
                                        : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
                        long p0 = System.nanoTime();
                        HttpResponse<byte[]> resp = http.send(
                                HttpRequest.newBuilder(URI.create(uri)).GET().build(),
                                HttpResponse.BodyHandlers.ofByteArray());
                        long p1 = System.nanoTime();
                        if (resp.statusCode() != 200) {
                            throw new IllegalStateException(
                                    resp.statusCode() + " " + new String(resp.body(), StandardCharsets.UTF_8));
                        }
                        ObjectNode body = (ObjectNode) JSON.readTree(resp.body());
                        got += body.get("rows").size();
                        cursor = body.get("next").isNull()
                                ? null
                                : body.get("next").asText();
                        responseNanos += p1 - p0;
                        parseNanos += System.nanoTime() - p1;
                        bytes += resp.body().length;
                        pages++;
                    } while (wholeDay && cursor != null);
                    long total = System.nanoTime() - s0;
                    // from is on the hour and a row comes every 2 s: a minute holds 30 rows, of which step=60 keeps
                    // one.
                    int want = stepped ? expected / 30 : expected;
                    if (wholeDay && got != want)
                        throw new IllegalStateException(kinds[r][0] + ": expected " + want + " rows, got " + got);
                    Round round = rounds.get(r);
                    if (i >= 0) {
                        round.total().record(total);
                        round.response().record(responseNanos);
                        round.parse().record(parseNanos);
                        rounds.set(
                                r,
                                new Round(
                                        round.name(),
                                        round.total(),
                                        round.response(),
                                        round.parse(),
                                        pages,
                                        bytes,
                                        got));
                    }
                }
                long d0 = System.nanoTime();
                int[] read = {0};
                queries.page(
                        from,
                        to,
                        Optional.of(name),
                        OptionalInt.empty(),
                        ONE_CHARACTER_PAGE,
                        Optional.empty(),
                        new ReadEverything(read));
                if (i >= 0) query.record(System.nanoTime() - d0);
                if (read[0] != expected)
                    throw new IllegalStateException("query: expected " + expected + " rows, got " + read[0]);
            }
            Result result = new Result(days, characters, rows, size, load, requests, perDay, rounds, query, cpu.stop());
            for (Round r : rounds) {
                progress.printf(
                        Locale.ROOT,
                        "history: %s: p50 %.1f p95 %.1f ms (response p50 %.1f, parse p50 %.1f)%n",
                        r.name(),
                        r.total().quantileMillis(0.5),
                        r.total().quantileMillis(0.95),
                        r.response().quantileMillis(0.5),
                        r.parse().quantileMillis(0.5));
            }
            progress.printf(
                    Locale.ROOT,
                    "history: query alone p50 %.1f p95 %.1f ms%n",
                    query.quantileMillis(0.5),
                    query.quantileMillis(0.95));
            return result;
        } catch (SQLException | IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A sink that reads every column of every row, as the JSON writer does, and only counts them. */
    private record ReadEverything(int[] count) implements dev.overlord.persistence.telemetry.TelemetrySink {
        static volatile long sink;

        @Override
        public void row(dev.overlord.persistence.telemetry.TelemetryColumns row) {
            long h = 0;
            for (var c : dev.overlord.persistence.telemetry.TelemetryColumn.values()) {
                h += switch (c.kind()) {
                    case TEXT -> String.valueOf(row.text(c)).length();
                    case INSTANT -> row.ts().getNano();
                    case NUMBER, RATE -> Double.doubleToRawLongBits(row.number(c));
                    case COUNT -> row.count(c);
                };
            }
            sink += h;
            count[0]++;
        }

        @Override
        public long mark() {
            return count[0];
        }

        @Override
        public void reset(long mark) {
            count[0] = (int) mark;
        }
    }
}
