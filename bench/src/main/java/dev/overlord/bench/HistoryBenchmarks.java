package dev.overlord.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import dev.overlord.character.CharacterEntity;
import dev.overlord.metrics.Metrics;
import dev.overlord.persistence.Vendor;
import dev.overlord.persistence.timeseries.TimeSeriesWriter;
import dev.overlord.persistence.timeseries.TimeSeriesSettings;
import dev.overlord.persistence.timeseries.TimeSeriesStore;
import dev.overlord.protocol.FrameParser;
import dev.overlord.protocol.ParseResult;
import dev.overlord.protocol.PluginFrame;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The History issue's benchmarks, each against a real Overlord ({@code Server.start}) on a fresh
 * PostgreSQL database that is dropped afterwards (and H2 for the journal, for comparison):
 *
 * <ul>
 *   <li>{@link #telemetryCopy}: telemetry rows/s through {@link TimeSeriesWriter} vs L_copy, a bare
 *       {@code COPY ... FROM STDIN (FORMAT text)} of the same rows pre-encoded, into the same
 *       partitioned {@code telemetry_events}.
 *   <li>{@link #journal}: events/s journaled by real {@link CharacterEntity} instances behind the
 *       server's sharding, driven by telemetry frames whose {@code kills} rises every frame, each
 *       entity with a bounded window of unanswered {@code Observe}s.
 *   <li>{@link #history}: {@code GET /history} for one character over 24 h on a table of
 *       {@code days} daily partitions × {@code characters} characters at one row per 2 s.
 * </ul>
 *
 * PostgreSQL is found as the persistence tests find it: {@code OVERLORD_TEST_PG_URL} (default
 * {@code jdbc:postgresql://127.0.0.1:5432/postgres}), {@code OVERLORD_TEST_PG_USER}, {@code
 * OVERLORD_TEST_PG_PASSWORD}. Note that PostgreSQL's own CPU shows under "others" in the CPU column.
 */
public final class HistoryBenchmarks {
  private HistoryBenchmarks() {}

  static final LocalDate FIRST_DAY = LocalDate.of(2026, 10, 1);
  private static final ObjectMapper JSON = new ObjectMapper();

  // ------------------------------------------------------------------ databases

  /** A fresh PostgreSQL database, dropped on close. */
  static final class FreshPostgres implements AutoCloseable {
    final String admin;
    final String name;
    final String url;

    FreshPostgres() {
      String env = System.getenv("OVERLORD_TEST_PG_URL");
      admin = env == null || env.isBlank() ? "jdbc:postgresql://127.0.0.1:5432/postgres" : env.trim();
      byte[] b = new byte[5];
      ThreadLocalRandom.current().nextBytes(b);
      name = "overlord_bench_" + HexFormat.of().formatHex(b);
      exec(admin, "CREATE DATABASE " + name);
      int slash = admin.indexOf('/', "jdbc:postgresql://".length());
      url = admin.substring(0, slash) + "/" + name;
    }

    static String user() {
      String u = System.getenv("OVERLORD_TEST_PG_USER");
      return u == null || u.isBlank() ? "postgres" : u;
    }

    static String password() {
      String p = System.getenv("OVERLORD_TEST_PG_PASSWORD");
      return p == null ? "" : p;
    }

    static Connection connect(String url) throws SQLException {
      Properties props = new Properties();
      props.setProperty("user", user());
      props.setProperty("password", password());
      props.setProperty("connectTimeout", "5");
      return DriverManager.getConnection(url, props);
    }

    Connection connect() throws SQLException {
      return connect(url);
    }

    Config overrides() {
      return ConfigFactory.empty()
          .withValue("overlord.database.url", ConfigValueFactory.fromAnyRef(url))
          .withValue("overlord.database.user", ConfigValueFactory.fromAnyRef(user()))
          .withValue("overlord.database.password", ConfigValueFactory.fromAnyRef(password()))
          // The benchmark's rows are dated in the past: keep retention away from them.
          .withValue("overlord.retention.telemetry", ConfigValueFactory.fromAnyRef("3650 days"))
          .withValue("overlord.retention.initial-delay", ConfigValueFactory.fromAnyRef("1 hour"));
    }

    static void exec(String url, String sql) {
      try (Connection c = connect(url); Statement st = c.createStatement()) {
        st.execute(sql);
      } catch (SQLException e) {
        throw new IllegalStateException("could not run " + sql + ": " + e.getMessage(), e);
      }
    }

    @Override
    public void close() {
      exec(admin, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
  }

  static long queryLong(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static void createDailyPartitions(Connection c, LocalDate first, int days) throws SQLException {
    try (Statement st = c.createStatement()) {
      for (int d = 0; d < days; d++) {
        LocalDate day = first.plusDays(d);
        st.execute("CREATE TABLE IF NOT EXISTS telemetry_events_p" + day.toString().replace("-", "")
            + " PARTITION OF telemetry_events FOR VALUES FROM ('" + day + " 00:00:00+00') TO ('"
            + day.plusDays(1) + " 00:00:00+00')");
      }
    }
  }

  // ------------------------------------------------------------------ frames

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

  static ObjectNode template() {
    try {
      return (ObjectNode) JSON.readTree(FrameParseBenchmark.frame("telemetry"));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static PluginFrame parse(FrameParser parser, String text) {
    if (parser.parse(text) instanceof ParseResult.Parsed p) return p.frame();
    throw new IllegalStateException("does not parse: " + text);
  }

  /** One row of telemetry_events in COPY text format (the columns TimeSeriesTable lists). */
  static void copyText(StringBuilder b, PluginFrame.Telemetry t) {
    b.append(t.characterName()).append('\t').append(t.envelope().timestamp()).append('\t')
        .append(t.ew()).append('\t').append(t.ns()).append('\t').append(t.z()).append('\t');
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

  private static void escape(StringBuilder b, String s) {
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

  static final String COPY_SQL = "COPY telemetry_events (character_name, ts, ew, ns, z, kills, kills_per_hour,"
      + " deaths, total_deaths, rares_found, prismatic_taper_count, vt_state, session_id, raw)"
      + " FROM STDIN (FORMAT text)";

  // ------------------------------------------------------------------ (e) telemetry rows

  /** One pair of measurements: L_copy and the writer, rows/s, with CPU. */
  public record CopyResult(int rows, int characters, double copyRowsPerSec, double writerRowsPerSec,
      CpuMeter.Usage copyCpu, CpuMeter.Usage writerCpu, int batchSize, long writerDropped) {
    double ratio() {
      return writerRowsPerSec / copyRowsPerSec;
    }
  }

  /**
   * {@code rows} telemetry frames of {@code characters} characters, one per 2 s each, over a few
   * days; per round: L_copy of the pre-encoded rows (in chunks the size of the writer's batch, one
   * transaction each, like the writer), TRUNCATE, the writer, TRUNCATE. Rounds alternate.
   */
  public static List<CopyResult> telemetryCopy(int rows, int characters, int rounds, PrintStream progress) {
    List<CopyResult> results = new ArrayList<>();
    try (FreshPostgres pg = new FreshPostgres();
        OverlordTarget server = OverlordTarget.start(64, pg.overrides())) {
      FrameParser parser = new FrameParser();
      ObjectNode template = template();
      List<PluginFrame> frames = new ArrayList<>(rows);
      Instant start = FIRST_DAY.atStartOfDay().toInstant(ZoneOffset.UTC);
      for (int i = 0; i < rows; i++) {
        int c = i % characters;
        Instant ts = start.plusSeconds(2L * (i / characters));
        frames.add(parse(parser, telemetry(template, "Bench Char " + c, ts, i / characters, "s-" + c)));
      }
      int days = (int) Duration.between(start, frames.get(rows - 1).envelope().timestamp()).toDays() + 1;
      TimeSeriesSettings settings = TimeSeriesSettings.from(dev.overlord.http.server.Server.config(ConfigFactory.empty()));
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
      try (Connection c = pg.connect()) {
        createDailyPartitions(c, FIRST_DAY, days);
      }
      for (int r = 0; r < rounds; r++) {
        // L_copy
        CpuMeter cpu = new CpuMeter();
        long t0 = System.nanoTime();
        try (Connection c = pg.connect()) {
          c.setAutoCommit(false);
          CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
          for (byte[] chunk : chunks) {
            copy.copyIn(COPY_SQL, new java.io.ByteArrayInputStream(chunk));
            c.commit();
          }
        }
        double copyRate = rows / ((System.nanoTime() - t0) / 1e9);
        CpuMeter.Usage copyCpu = cpu.stop();
        truncateAndCheck(pg, rows);
        // The writer: offer as fast as it accepts (its buffer bound), until every row is written.
        Metrics metrics = new Metrics();
        TimeSeriesStore store = new TimeSeriesStore(server.server().database().dataSource(), Vendor.POSTGRESQL);
        cpu = new CpuMeter();
        t0 = System.nanoTime();
        TimeSeriesWriter writer = TimeSeriesWriter.start(server.server().system(), store, settings, metrics,
            server.server().system().dispatchers().lookup(
                org.apache.pekko.actor.typed.DispatcherSelector.blocking()), Clock.systemUTC());
        // Offer only while there is room (offer() drops and counts what does not fit), parking
        // rather than spinning so that the writer's threads keep both cores.
        long refused = 0;
        int room = settings.bufferBound() - settings.batchSize();
        for (PluginFrame f : frames) {
          while (writer.backlog() >= room) {
            refused++;
            java.util.concurrent.locks.LockSupport.parkNanos(200_000);
          }
          if (!writer.offer(f)) throw new IllegalStateException("the writer dropped a row with room in its buffer");
        }
        Waits.until(() -> metrics.value(TimeSeriesWriter.WRITTEN, "table", "telemetry_events") >= rows,
            Duration.ofMinutes(5), "the writer to write every row");
        double writerRate = rows / ((System.nanoTime() - t0) / 1e9);
        CpuMeter.Usage writerCpu = cpu.stop();
        Waits.await(writer.stop(), Duration.ofSeconds(30), "the writer to stop");
        long dropped = metrics.value(TimeSeriesWriter.DROPPED, "reason", TimeSeriesWriter.BUFFER_FULL);
        truncateAndCheck(pg, rows);
        CopyResult res = new CopyResult(rows, characters, copyRate, writerRate, copyCpu, writerCpu,
            settings.batchSize(), dropped);
        progress.printf(Locale.ROOT, "telemetry rows round %d: L_copy %.0f rows/s, writer %.0f rows/s (%.2f),"
            + " waits for room %d, dropped %d%n", r + 1, copyRate, writerRate, res.ratio(), refused, dropped);
        results.add(res);
      }
    } catch (SQLException | java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    return results;
  }

  private static void truncateAndCheck(FreshPostgres pg, int rows) throws SQLException {
    try (Connection c = pg.connect(); Statement st = c.createStatement()) {
      long n = queryLong(c, "SELECT count(*) FROM telemetry_events");
      if (n != rows) throw new IllegalStateException("expected " + rows + " rows, found " + n);
      st.execute("TRUNCATE telemetry_events");
      st.execute("CHECKPOINT");
    }
  }

  // ------------------------------------------------------------------ (f) journal

  public record JournalResult(String database, int entities, int window, long frames, long events,
      double seconds, CpuMeter.Usage cpu, long persists) {
    double eventsPerSec() {
      return events / seconds;
    }

    double framesPerSec() {
      return frames / seconds;
    }
  }

  /**
   * Drives {@code entities} entities the way plugin sessions do under load: each has one
   * {@code Observe} of {@code window} frames unanswered at a time, and its answer releases the
   * next {@code window} frames (a session sends an entity whatever arrived during its previous
   * write, up to its window). With {@code window} 1, every frame is a write of its own.
   */
  public static JournalResult journal(boolean postgres, int entities, int window, Duration warmup, Duration measure,
      PrintStream progress) {
    FreshPostgres pg = postgres ? new FreshPostgres() : null;
    try (OverlordTarget server = OverlordTarget.start(64, pg == null ? ConfigFactory.empty() : pg.overrides())) {
      var system = server.server().system();
      ObjectNode template = template();
      FrameParser parser = new FrameParser();
      AtomicLong answered = new AtomicLong();
      Instant base = Instant.now();
      Behavior<CharacterEntity.Observed> driver = Behaviors.setup(ctx -> {
        List<EntityRef<CharacterEntity.Command>> refs = new ArrayList<>();
        long[] kills = new long[entities];
        java.util.Map<String, Integer> index = new java.util.HashMap<>();
        ActorRef<CharacterEntity.Observed> self = ctx.getSelf();
        java.util.function.IntConsumer send = i -> {
          String name = "Bench Journal " + i;
          List<PluginFrame> frames = new ArrayList<>(window);
          for (int w = 0; w < window; w++) {
            long k = ++kills[i];
            frames.add(parse(parser, telemetry(template, name, base.plusMillis(k * 10), k, "bench-" + i)));
          }
          refs.get(i).tell(new CharacterEntity.Observe(frames, "bench-" + i, self));
        };
        for (int i = 0; i < entities; i++) {
          refs.add(CharacterEntity.ref(system, "Bench Journal " + i));
          index.put("Bench Journal " + i, i);
        }
        for (int i = 0; i < entities; i++) send.accept(i);
        return Behaviors.receiveMessage(o -> {
          answered.addAndGet(o.frames());
          send.accept(index.get(o.characterName()));
          return Behaviors.same();
        });
      });
      system.systemActorOf(driver, "bench-journal-driver", Props.empty());
      Waits.pass(warmup);
      long f0 = answered.get();
      long e0 = maxOrdering(server);
      long p0 = server.journalWrites();
      CpuMeter cpu = new CpuMeter();
      long t0 = System.nanoTime();
      Waits.pass(measure);
      long f1 = answered.get();
      long e1 = maxOrdering(server);
      long p1 = server.journalWrites();
      double secs = (System.nanoTime() - t0) / 1e9;
      CpuMeter.Usage usage = cpu.stop();
      JournalResult r = new JournalResult(postgres ? "PostgreSQL" : "H2", entities, window, f1 - f0, e1 - e0, secs,
          usage, p1 - p0);
      progress.printf(Locale.ROOT, "journal %s: %d entities, window %d: %.0f events/s, %.0f frames/s%n",
          r.database(), entities, window, r.eventsPerSec(), r.framesPerSec());
      return r;
    } finally {
      if (pg != null) pg.close();
    }
  }

  private static long maxOrdering(OverlordTarget server) {
    try (Connection c = server.server().database().dataSource().getConnection()) {
      return queryLong(c, "SELECT COALESCE(MAX(\"ordering\"), 0) FROM \"event_journal\"");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  // ------------------------------------------------------------------ (g) /history

  /**
   * One timed round of {@link #history}: latencies (client-side, request sent to last byte in /
   * body parsed), how many requests a round took and the body size.
   */
  public record HistoryRound(String name, LatencyHistogram total, LatencyHistogram response, LatencyHistogram parse,
      int requests, long bytes, int rows) {}

  public record HistoryResult(int days, int characters, long rows, String tableSize, double loadSeconds,
      int requests, int rowsPerDay, List<HistoryRound> rounds, LatencyHistogram query, CpuMeter.Usage cpu) {}

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
   * 1,440 rows); and the query alone ({@code HistoryQueries.history} into a sink that reads every
   * column, no JSON, no HTTP). Every body is parsed by Jackson ({@code readTree}) and its rows counted.
   */
  public static HistoryResult history(int days, int characters, int requests, PrintStream progress) {
    int perDay = 43_200;
    try (FreshPostgres pg = new FreshPostgres();
        OverlordTarget server = OverlordTarget.start(64, pg.overrides())) {
      long t0 = System.nanoTime();
      ObjectNode template = template();
      String raw = template.toString();
      try (Connection c = pg.connect()) {
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
              b.append("Bench Char ").append(ch).append('\t').append(ts).append('\t')
                  .append(30 + (s % 1000) * 0.01).append('\t').append(-10 + (ch % 50) * 0.1).append("\t0\t")
                  .append(d * perDay + s).append("\tCombat\ts-").append(ch).append('\t');
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
      try (Connection c = pg.connect(); Statement st = c.createStatement()) {
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
      var queries = new dev.overlord.persistence.query.HistoryQueries(server.server().database().dataSource());
      String base = "http://127.0.0.1:" + server.port() + "/history?character=";
      String[][] kinds = {
        // name, extra parameters, whether the round follows next to the end of the day
        {"the whole 24 h, row objects (limit=50000)", "&limit=" + ONE_CHARACTER_PAGE, "day"},
        {"the whole 24 h, `format=columns` (limit=50000)", "&limit=" + ONE_CHARACTER_PAGE + "&format=columns", "day"},
        {"one default page (1,000 rows)", "", "page"},
        {"one page of 10,000 rows (the old cap)", "&limit=10000", "page"},
        {"the whole 24 h at `step=60`, `format=columns` (1,440 rows)", "&limit=" + ONE_CHARACTER_PAGE
            + "&format=columns&step=60", "stepped"},
      };
      List<HistoryRound> rounds = new ArrayList<>();
      for (String[] k : kinds) {
        rounds.add(new HistoryRound(k[0], new LatencyHistogram(), new LatencyHistogram(), new LatencyHistogram(), 0, 0, 0));
      }
      LatencyHistogram query = new LatencyHistogram();
      // Warm-up rounds (JIT, caches) are not counted.
      int warm = Math.max(2, requests / 5);
      CpuMeter cpu = null;
      for (int i = -warm; i < requests; i++) {
        if (i == 0) cpu = new CpuMeter();
        int ch = Math.floorMod(i * 7, characters);
        int d = Math.floorMod(i * 11, Math.max(1, days - 1));
        Instant from = FIRST_DAY.plusDays(d).atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds(3600L * (i & 7));
        Instant to = from.plus(Duration.ofDays(1));
        String name = "Bench Char " + ch;
        String q = base + java.net.URLEncoder.encode(name, StandardCharsets.UTF_8) + "&from=" + from + "&to=" + to;
        int expected = (int) Math.min(perDay, Duration.between(from,
            FIRST_DAY.plusDays(days).atStartOfDay().toInstant(ZoneOffset.UTC)).getSeconds() / 2);
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
            String uri = q + kinds[r][1]
                + (cursor == null ? "" : "&cursor=" + java.net.URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            long p0 = System.nanoTime();
            HttpResponse<byte[]> resp = http.send(HttpRequest.newBuilder(URI.create(uri)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
            long p1 = System.nanoTime();
            if (resp.statusCode() != 200) {
              throw new IllegalStateException(resp.statusCode() + " " + new String(resp.body(), StandardCharsets.UTF_8));
            }
            ObjectNode body = (ObjectNode) JSON.readTree(resp.body());
            got += body.get("rows").size();
            cursor = body.get("next").isNull() ? null : body.get("next").asText();
            responseNanos += p1 - p0;
            parseNanos += System.nanoTime() - p1;
            bytes += resp.body().length;
            pages++;
          } while (wholeDay && cursor != null);
          long total = System.nanoTime() - s0;
          // from is on the hour and a row comes every 2 s: a minute holds 30 rows, of which step=60 keeps one.
          int want = stepped ? expected / 30 : expected;
          if (wholeDay && got != want) throw new IllegalStateException(kinds[r][0] + ": expected " + want + " rows, got " + got);
          HistoryRound round = rounds.get(r);
          if (i >= 0) {
            round.total().record(total);
            round.response().record(responseNanos);
            round.parse().record(parseNanos);
            rounds.set(r, new HistoryRound(round.name(), round.total(), round.response(), round.parse(), pages, bytes, got));
          }
        }
        long d0 = System.nanoTime();
        int[] read = {0};
        queries.history(from, to, java.util.Optional.of(name), ONE_CHARACTER_PAGE, java.util.Optional.empty(),
            new ReadEverything(read));
        if (i >= 0) query.record(System.nanoTime() - d0);
        if (read[0] != expected) throw new IllegalStateException("query: expected " + expected + " rows, got " + read[0]);
      }
      HistoryResult result = new HistoryResult(days, characters, rows, size, load, requests, perDay, rounds, query,
          cpu.stop());
      for (HistoryRound r : rounds) {
        progress.printf(Locale.ROOT, "history: %s: p50 %.1f p95 %.1f ms (response p50 %.1f, parse p50 %.1f)%n", r.name(),
            r.total().quantileMillis(0.5), r.total().quantileMillis(0.95), r.response().quantileMillis(0.5),
            r.parse().quantileMillis(0.5));
      }
      progress.printf(Locale.ROOT, "history: query alone p50 %.1f p95 %.1f ms%n",
          query.quantileMillis(0.5), query.quantileMillis(0.95));
      return result;
    } catch (SQLException | java.io.IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A sink that reads every column of every row, as the JSON writer does, and only counts them. */
  private record ReadEverything(int[] count) implements dev.overlord.persistence.query.HistorySink {
    static volatile long sink;

    @Override
    public void row(dev.overlord.persistence.query.TelemetryColumns row) {
      long h = row.characterName().length() + row.ts().getNano() + Double.doubleToRawLongBits(row.ew())
          + Double.doubleToRawLongBits(row.ns()) + Double.doubleToRawLongBits(row.z()) + row.kills()
          + Double.doubleToRawLongBits(row.killsPerHour()) + row.deaths() + row.totalDeaths() + row.raresFound()
          + row.prismaticTaperCount() + String.valueOf(row.vtState()).length() + String.valueOf(row.sessionId()).length();
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

  // ------------------------------------------------------------------ settings and report

  /** Sizes of the History benchmarks (BenchMain keys in brackets). */
  public record Settings(int copyRows, int copyCharacters, int copyRounds, int journalEntities, List<Integer> journalWindows,
      Duration journalWarmup, Duration journalMeasure, boolean journalH2, int historyDays, int historyCharacters,
      int historyRequests) {
    public static Settings full() {
      return new Settings(400_000, 100, 2, 100, List.of(1, 8, 32), Duration.ofSeconds(5), Duration.ofSeconds(15), true,
          30, 20, 50);
    }

    public static Settings smoke() {
      return new Settings(3_000, 10, 1, 10, List.of(4), Duration.ofMillis(500), Duration.ofSeconds(1), true, 2, 3, 3);
    }
  }

  /** What was run; empty lists for what was not. */
  public record Report(List<CopyResult> copy, List<JournalResult> journal, List<HistoryResult> history) {}

  public static Report run(List<String> scenarios, Settings s, PrintStream progress) {
    List<CopyResult> copy = new ArrayList<>();
    List<JournalResult> journal = new ArrayList<>();
    List<HistoryResult> history = new ArrayList<>();
    if (scenarios.contains("copy")) copy.addAll(telemetryCopy(s.copyRows(), s.copyCharacters(), s.copyRounds(), progress));
    if (scenarios.contains("journal")) {
      // Each frame its own write (1), then grouped as a session under load groups them, per journal.
      for (boolean postgres : s.journalH2() ? List.of(true, false) : List.of(true)) {
        for (int window : s.journalWindows()) {
          journal.add(journal(postgres, s.journalEntities(), window, s.journalWarmup(), s.journalMeasure(), progress));
        }
      }
    }
    if (scenarios.contains("history")) history.add(history(s.historyDays(), s.historyCharacters(), s.historyRequests(), progress));
    return new Report(copy, journal, history);
  }

  static String cpu(CpuMeter.Usage u) {
    return Math.round(u.thisJvm() * 100) + " % / " + Math.round(u.others() * 100) + " %";
  }

  public static String markdown(Report r) {
    StringBuilder b = new StringBuilder();
    if (!r.copy().isEmpty()) {
      b.append("| Round | Rows | L_copy rows/s | TimeSeriesWriter rows/s | Writer / L_copy | Target | Met | CPU us/others (L_copy; writer) |\n");
      b.append("|---|---:|---:|---:|---:|---|---|---|\n");
      int i = 1;
      for (CopyResult c : r.copy()) {
        b.append("| ").append(i++).append(" | ").append(Tables.num(c.rows())).append(" | ")
            .append(Tables.num(c.copyRowsPerSec())).append(" | ").append(Tables.num(c.writerRowsPerSec())).append(" | ")
            .append(Tables.ratio(c.ratio())).append(" | ≥ 0.50 | ").append(Tables.met(c.ratio() >= 0.5)).append(" | ")
            .append(cpu(c.copyCpu())).append("; ").append(cpu(c.writerCpu())).append(" |\n");
      }
      b.append('\n');
    }
    if (!r.journal().isEmpty()) {
      b.append("| Journal | Entities | Frames per Observe | Events/s | Frames/s | Writes/s | Events per write | Target | Met | CPU us/others |\n");
      b.append("|---|---:|---:|---:|---:|---:|---:|---|---|---|\n");
      for (JournalResult j : r.journal()) {
        b.append("| ").append(j.database()).append(" | ").append(j.entities()).append(" | ").append(j.window())
            .append(" | ").append(Tables.num(j.eventsPerSec())).append(" | ").append(Tables.num(j.framesPerSec()))
            .append(" | ").append(Tables.num(j.persists() / j.seconds())).append(" | ")
            .append(String.format(Locale.ROOT, "%.1f", j.persists() == 0 ? 0.0 : (double) j.events() / j.persists()))
            .append(" | ≥ 10,000 events/s | ")
            .append(Tables.met(j.eventsPerSec() >= 10_000)).append(" | ").append(cpu(j.cpu())).append(" |\n");
      }
      b.append('\n');
    }
    for (HistoryResult h : r.history()) {
      b.append(String.format(Locale.ROOT, "Table: %d days × %d characters × %,d rows/day = %,d rows, %s; loaded by COPY"
          + " and vacuumed (ANALYZE) in %.0f s. %d timed rounds.%n%n", h.days(), h.characters(), h.rowsPerDay(), h.rows(),
          h.tableSize(), h.loadSeconds(), h.requests()));
      b.append("| /history, one character, 24 h window | requests | rows | body | p50 ms | p95 ms | max ms"
          + " | response p50 ms | parse p50 ms | Target | Met |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|\n");
      for (HistoryRound round : h.rounds()) {
        boolean day = round.name().startsWith("the whole");
        b.append("| ").append(round.name()).append(" | ").append(round.requests()).append(" | ")
            .append(Tables.num(round.rows())).append(" | ")
            .append(String.format(Locale.ROOT, "%.1f MB", round.bytes() / 1e6)).append(" | ")
            .append(Tables.ms(round.total().quantileMillis(0.5))).append(" | ")
            .append(Tables.ms(round.total().quantileMillis(0.95))).append(" | ")
            .append(Tables.ms(round.total().quantileMillis(1.0))).append(" | ")
            .append(Tables.ms(round.response().quantileMillis(0.5))).append(" | ")
            .append(Tables.ms(round.parse().quantileMillis(0.5))).append(" | ")
            .append(day ? "p95 ≤ 50 ms | " + Tables.met(round.total().quantileMillis(0.95) <= 50) : " | ").append(" |\n");
      }
      b.append("| the query alone: `HistoryQueries.history`, whole 24 h, every column read, no JSON, no HTTP | 1 | | | ")
          .append(Tables.ms(h.query().quantileMillis(0.5))).append(" | ")
          .append(Tables.ms(h.query().quantileMillis(0.95))).append(" | ")
          .append(Tables.ms(h.query().quantileMillis(1.0))).append(" | | |  |  |\n");
      b.append("\n*response* is from sending the request to the body's last byte (query, JSON, transfer);"
          + " *parse* is Jackson's `readTree` of the body; rows and body of the last round.\n");
      b.append("\nCPU us/others during the timed rounds: ").append(cpu(h.cpu())).append("\n\n");
    }
    return b.toString();
  }
}
