package dev.overlord.bench;

import static dev.overlord.bench.DatabaseBench.FIRST_DAY;
import static dev.overlord.bench.DatabaseBench.connect;
import static dev.overlord.bench.DatabaseBench.createDailyPartitions;
import static dev.overlord.bench.DatabaseBench.escape;
import static dev.overlord.bench.DatabaseBench.overrides;
import static dev.overlord.bench.DatabaseBench.parse;
import static dev.overlord.bench.DatabaseBench.queryLong;
import static dev.overlord.bench.DatabaseBench.telemetry;
import static dev.overlord.bench.DatabaseBench.template;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.ConfigFactory;
import dev.overlord.metrics.Metrics;
import dev.overlord.persistence.Vendor;
import dev.overlord.persistence.testing.TestDatabase;
import dev.overlord.persistence.testing.TestDatabases;
import dev.overlord.persistence.timeseries.TimeSeriesSettings;
import dev.overlord.persistence.timeseries.TimeSeriesStore;
import dev.overlord.persistence.timeseries.TimeSeriesWriter;
import dev.overlord.protocol.FrameParser;
import dev.overlord.protocol.PluginFrame;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Telemetry rows/s through {@link TimeSeriesWriter} vs L_copy, a bare {@code COPY ... FROM STDIN
 * (FORMAT text)} of the same rows pre-encoded, into the same partitioned {@code telemetry_events}.
 */
public final class CopyScenario implements Scenario<DatabaseBench, DatabaseReport> {

    @Override
    public String name() {
        return "copy";
    }

    @Override
    public DatabaseReport run(DatabaseBench bench, DatabaseReport report) {
        DatabaseBench.Settings s = bench.settings();
        return report.withCopy(telemetryCopy(s.copyRows(), s.copyCharacters(), s.copyRounds(), bench.progress()));
    }

    /** One round's pair of measurements: L_copy and the writer, rows/s, with CPU. */
    public record Result(
            int rows,
            int characters,
            double copyRowsPerSec,
            double writerRowsPerSec,
            CpuMeter.Usage copyCpu,
            CpuMeter.Usage writerCpu,
            int batchSize,
            long writerDropped) {
        double ratio() {
            return writerRowsPerSec / copyRowsPerSec;
        }
    }

    /**
     * {@code rows} telemetry frames of {@code characters} characters, one per 2 s each, over a few
     * days; per round: L_copy of the pre-encoded rows (in chunks the size of the writer's batch, one
     * transaction each, like the writer), TRUNCATE, the writer, TRUNCATE. Rounds alternate.
     */
    public static List<Result> telemetryCopy(int rows, int characters, int rounds, PrintStream progress) {
        List<Result> results = new ArrayList<>();
        try (TestDatabase pg = TestDatabases.freshPostgres();
                OverlordTarget server = OverlordTarget.start(64, overrides(pg))) {
            FrameParser parser = new FrameParser();
            ObjectNode template = template();
            List<PluginFrame> frames = new ArrayList<>(rows);
            Instant start = FIRST_DAY.atStartOfDay().toInstant(ZoneOffset.UTC);
            for (int i = 0; i < rows; i++) {
                int c = i % characters;
                Instant ts = start.plusSeconds(2L * (i / characters));
                frames.add(parse(parser, telemetry(template, "Bench Char " + c, ts, i / characters, "s-" + c)));
            }
            int days = (int) Duration.between(
                                    start, frames.get(rows - 1).envelope().timestamp())
                            .toDays()
                    + 1;
            TimeSeriesSettings settings =
                    TimeSeriesSettings.from(dev.overlord.http.server.Server.config(ConfigFactory.empty()));
            // L_copy's chunks: the writer's batch size, so both pay the same transactions.
            List<byte[]> chunks = new ArrayList<>();
            StringBuilder b = new StringBuilder();
            int inChunk = 0;
            for (PluginFrame f : frames) {
                copyText(b, (PluginFrame.Telemetry) f);
                if (++inChunk == settings.batchSize()) {
                    chunks.add(b.toString().getBytes(StandardCharsets.UTF_8));
                    b.setLength(0);
                    inChunk = 0;
                }
            }
            if (inChunk > 0) chunks.add(b.toString().getBytes(StandardCharsets.UTF_8));
            try (Connection c = connect(pg)) {
                createDailyPartitions(c, FIRST_DAY, days);
            }
            for (int r = 0; r < rounds; r++) {
                // L_copy
                CpuMeter cpu = new CpuMeter();
                long t0 = System.nanoTime();
                try (Connection c = connect(pg)) {
                    c.setAutoCommit(false);
                    CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
                    for (byte[] chunk : chunks) {
                        copy.copyIn(COPY_SQL, new ByteArrayInputStream(chunk));
                        c.commit();
                    }
                }
                double copyRate = rows / ((System.nanoTime() - t0) / 1e9);
                CpuMeter.Usage copyCpu = cpu.stop();
                truncateAndCheck(pg, rows);
                // The writer: offer as fast as it accepts (its buffer bound), until every row is written.
                Metrics metrics = new Metrics();
                TimeSeriesStore store =
                        new TimeSeriesStore(server.server().database().dataSource(), Vendor.POSTGRESQL);
                cpu = new CpuMeter();
                t0 = System.nanoTime();
                TimeSeriesWriter writer = TimeSeriesWriter.start(
                        server.server().system(),
                        store,
                        settings,
                        metrics,
                        server.server().system().dispatchers().lookup(DispatcherSelector.blocking()),
                        Clock.systemUTC());
                // Offer only while there is room (offer() drops and counts what does not fit), parking
                // rather than spinning so that the writer's threads keep both cores.
                long refused = 0;
                int room = settings.bufferBound() - settings.batchSize();
                for (PluginFrame f : frames) {
                    while (writer.backlog() >= room) {
                        refused++;
                        LockSupport.parkNanos(200_000);
                    }
                    if (!writer.offer(f))
                        throw new IllegalStateException("the writer dropped a row with room in its buffer");
                }
                Waits.until(
                        () -> metrics.value(TimeSeriesWriter.WRITTEN, "table", "telemetry_events") >= rows,
                        Duration.ofMinutes(5),
                        "the writer to write every row");
                double writerRate = rows / ((System.nanoTime() - t0) / 1e9);
                CpuMeter.Usage writerCpu = cpu.stop();
                Waits.await(writer.stop(), Duration.ofSeconds(30), "the writer to stop");
                long dropped = metrics.value(TimeSeriesWriter.DROPPED, "reason", TimeSeriesWriter.BUFFER_FULL);
                truncateAndCheck(pg, rows);
                Result res = new Result(
                        rows, characters, copyRate, writerRate, copyCpu, writerCpu, settings.batchSize(), dropped);
                progress.printf(
                        Locale.ROOT,
                        "telemetry rows round %d: L_copy %.0f rows/s, writer %.0f rows/s (%.2f),"
                                + " waits for room %d, dropped %d%n",
                        r + 1,
                        copyRate,
                        writerRate,
                        res.ratio(),
                        refused,
                        dropped);
                results.add(res);
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException(e);
        }
        return results;
    }

    private static void truncateAndCheck(TestDatabase pg, int rows) throws SQLException {
        try (Connection c = connect(pg);
                Statement st = c.createStatement()) {
            long n = queryLong(c, "SELECT count(*) FROM telemetry_events");
            if (n != rows) throw new IllegalStateException("expected " + rows + " rows, found " + n);
            st.execute("TRUNCATE telemetry_events");
            st.execute("CHECKPOINT");
        }
    }

    /** One row of telemetry_events in COPY text format (the columns TimeSeriesTable lists). */
    static void copyText(StringBuilder b, PluginFrame.Telemetry t) {
        b.append(t.characterName())
                .append('\t')
                .append(t.envelope().timestamp())
                .append('\t')
                .append(t.ew())
                .append('\t')
                .append(t.ns())
                .append('\t')
                .append(t.z())
                .append('\t');
        nullable(b, t.kills());
        nullable(b, t.killsPerHour());
        nullable(b, t.deaths());
        nullable(b, t.totalDeaths());
        nullable(b, t.raresFound());
        nullable(b, t.prismaticTapers());
        nullable(b, t.vtState());
        nullable(b, t.sessionId());
        escape(b, t.envelope().text());
        b.append('\n');
    }

    private static void nullable(StringBuilder b, Object v) {
        if (v == null) b.append("\\N");
        else escape(b, v.toString());
        b.append('\t');
    }

    static final String COPY_SQL = "COPY telemetry_events (character_name, ts, ew, ns, z, kills, kills_per_hour,"
            + " deaths, total_deaths, rares_found, prismatic_taper_count, vt_state, session_id, raw)"
            + " FROM STDIN (FORMAT text)";
}
