package dev.overlord.http.testing;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.overlord.http.plugin.PluginSocketRoute;
import dev.overlord.http.server.Server;
import dev.overlord.persistence.DatabaseSettings;
import dev.overlord.persistence.testing.TestDatabase;
import dev.overlord.persistence.testing.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Overlord {@link Server} on an ephemeral loopback port, with its own data directory (an
 * H2 database unless told otherwise), known secrets and an admin account, plus the clients a test
 * needs to talk to it.
 *
 * <p>As a JUnit extension it runs once per test class:
 * {@code @RegisterExtension static final RunningServer overlord = RunningServer.create().with("...");}.
 * It is also {@link AutoCloseable} for a test that needs a server of its own:
 * {@code try (RunningServer s = RunningServer.create().with("...").start()) { ... }}.
 */
public final class RunningServer implements BeforeAllCallback, AfterAllCallback, AutoCloseable {
    public static final String ADMIN = "admin";
    public static final Duration HTTP_TIMEOUT = Duration.ofSeconds(10);

    private final List<String> hocon = new ArrayList<>();
    private final String sharedSecret = "plugin-secret-" + UUID.randomUUID();
    private final String secretKey = "cookie-key-" + UUID.randomUUID();
    private final String adminPassword = "admin-password-" + UUID.randomUUID();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(HTTP_TIMEOUT).build();
    private Path dataDir;
    private boolean ownDataDir;
    private DatabaseSettings database;
    private boolean freshPostgres;
    private TestDatabase ownDatabase;
    private Server server;
    private volatile String sessionCookie;

    private RunningServer() {}

    /** A server with the test defaults: dev mode, simulator off, cheap bcrypt, H2 in a temp dir. */
    public static RunningServer create() {
        return new RunningServer();
    }

    /** Adds HOCON overrides, e.g. {@code with("overlord.live.replay-buffer-size = 16")}; later ones win. */
    public RunningServer with(String hoconOverrides) {
        hocon.add(hoconOverrides);
        return this;
    }

    /**
     * How long portals stay listed after they were last seen and how often older ones are deleted
     * (HOCON durations, {@code overlord.portals}).
     */
    public RunningServer portals(String keepFor, String expireEvery) {
        return with("overlord.portals { keep-for = " + keepFor + ", expire-every = " + expireEvery + " }");
    }

    /** Uses this data directory (and the H2 database in it), kept after close; for restart tests. */
    public RunningServer dataDir(Path dir) {
        this.dataDir = dir;
        this.ownDataDir = false;
        return this;
    }

    /** Uses this database instead of the H2 file in the data directory, e.g. {@code TestDatabases.freshPostgres()}. */
    public RunningServer database(DatabaseSettings settings) {
        this.database = settings;
        return this;
    }

    /**
     * Runs on a fresh PostgreSQL database created at {@link #start()} and dropped at {@link #close()}
     * (see {@code TestDatabases.freshPostgres()}); without it the server uses H2 in its data directory.
     */
    public RunningServer onFreshPostgres() {
        this.freshPostgres = true;
        return this;
    }

    /** Starts the server and waits until it listens. */
    public RunningServer start() {
        if (server != null) throw new IllegalStateException("already started");
        try {
            if (dataDir == null) {
                dataDir = Files.createTempDirectory("overlord-http-test");
                ownDataDir = true;
            }
            if (freshPostgres && ownDatabase == null) {
                ownDatabase = TestDatabases.freshPostgres();
                database = ownDatabase.settings();
            }
            server = Server.start(config(), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            return this;
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The configuration this server starts with: the packaged defaults under the test's overrides. */
    public Config config() {
        Map<String, Object> base = new HashMap<>();
        base.put("overlord.mode", "dev");
        base.put("overlord.http.host", "127.0.0.1");
        base.put("overlord.http.port", 0);
        base.put("overlord.data-dir", dataDir.toAbsolutePath().toString());
        base.put("overlord.shared-secret", sharedSecret);
        base.put("overlord.secret-key", secretKey);
        base.put("overlord.admin-password", adminPassword);
        base.put("overlord.users.bcrypt-cost", 4);
        base.put("overlord.simulator.enabled", "off");
        // Whatever the environment says, a test picks its database explicitly.
        base.put("overlord.database.url", database == null ? "" : database.url());
        base.put("overlord.database.user", database == null ? "" : database.user());
        base.put("overlord.database.password", database == null ? "" : database.password());
        base.put("overlord.database.max-pool-size", 4);
        base.put("pekko.coordinated-shutdown.exit-jvm", "off");
        base.put("pekko.coordinated-shutdown.run-by-jvm-shutdown-hook", "off");
        Config overrides = ConfigFactory.parseString(String.join("\n", hocon))
                .withFallback(ConfigFactory.parseMap(base, "RunningServer defaults"));
        return Server.config(overrides);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /**
     * Stops the server (its actor system and both pools); drops the PostgreSQL database and deletes
     * the data directory if it made them.
     */
    @Override
    public void close() {
        if (server != null) {
            server.close();
            server = null;
        }
        sessionCookie = null;
        if (ownDatabase != null) {
            ownDatabase.close();
            ownDatabase = null;
            database = null;
        }
        if (ownDataDir && dataDir != null) {
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            dataDir = null;
        }
    }

    public Server server() {
        if (server == null) throw new IllegalStateException("server not started");
        return server;
    }

    public int port() {
        return server().port();
    }

    public String sharedSecret() {
        return sharedSecret;
    }

    public String secretKey() {
        return secretKey;
    }

    public String adminPassword() {
        return adminPassword;
    }

    /** {@code http://127.0.0.1:port} + path: the server's own origin. */
    public String origin() {
        return "http://127.0.0.1:" + port();
    }

    public URI http(String pathAndQuery) {
        return URI.create(origin() + pathAndQuery);
    }

    public URI ws(String pathAndQuery) {
        return URI.create("ws://127.0.0.1:" + port() + pathAndQuery);
    }

    public static String urlEncode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    // ---- HTTP ----

    public HttpResponse<String> get(String path, String... headers) {
        return send(HttpRequest.newBuilder(http(path)).GET(), headers);
    }

    public HttpResponse<String> postJson(String path, String json, String... headers) {
        return send(
                HttpRequest.newBuilder(http(path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json)),
                headers);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String... headers) {
        if (headers.length > 0) request.headers(headers);
        try {
            return http.send(request.timeout(HTTP_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Logs in as admin once and returns the session cookie's value. */
    public String sessionCookie() {
        String c = sessionCookie;
        if (c == null) {
            HttpResponse<String> r =
                    postJson("/login", "{\"username\":\"" + ADMIN + "\",\"password\":\"" + adminPassword + "\"}");
            if (r.statusCode() != 200)
                throw new IllegalStateException("login failed: " + r.statusCode() + " " + r.body());
            c = cookieValue(r, cookieName()).orElseThrow(() -> new IllegalStateException("login set no cookie"));
            sessionCookie = c;
        }
        return c;
    }

    /** The {@code Cookie} header value that carries {@code token} as the session. */
    public String cookieHeader(String token) {
        return cookieName() + "=" + token;
    }

    public String cookieName() {
        return server().settings().auth().cookieName();
    }

    /** The value a {@code Set-Cookie} header of {@code r} gives {@code name}, if any. */
    public static Optional<String> cookieValue(HttpResponse<?> r, String name) {
        for (String h : r.headers().allValues("set-cookie")) {
            if (h.startsWith(name + "=")) {
                int end = h.indexOf(';');
                return Optional.of(h.substring(name.length() + 1, end < 0 ? h.length() : end));
            }
        }
        return Optional.empty();
    }

    // ---- WebSockets ----

    /** A plugin socket on {@code /ws/position}, authenticated by the {@code X-Plugin-Secret} header. */
    public SocketClient plugin() {
        return SocketClient.connect(ws("/ws/position"), Map.of(PluginSocketRoute.SECRET_HEADER, sharedSecret));
    }

    /** A logged-in browser on {@code /ws/live} with the given query (e.g. {@code "?last_seq=4"}, or ""). */
    public SocketClient browser(String query) {
        return SocketClient.connect(ws("/ws/live" + query), Map.of("Cookie", cookieHeader(sessionCookie())));
    }

    public SocketClient browser() {
        return browser("");
    }

    // ---- metrics ----

    // Label values are quoted and may hold braces, e.g. route="/quests/{character}".
    private static final Pattern SAMPLE =
            Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(?:[^\"}]|\"(?:[^\"\\\\]|\\\\.)*\")*\\})? (\\S+)$");

    /** Every sample of {@code GET /metrics}, keyed like {@code name{label="value"}} or {@code name}. */
    public Map<String, Double> metrics() {
        // In prod the read API, /metrics included, needs a login.
        HttpResponse<String> r =
                server().settings().prod() ? get("/metrics", "Cookie", cookieHeader(sessionCookie())) : get("/metrics");
        if (r.statusCode() != 200) throw new IllegalStateException("/metrics answered " + r.statusCode());
        Map<String, Double> out = new LinkedHashMap<>();
        for (String line : r.body().split("\n")) {
            if (line.isBlank() || line.startsWith("#")) continue;
            Matcher m = SAMPLE.matcher(line);
            if (!m.matches()) throw new IllegalStateException("not a Prometheus sample: " + line);
            out.put(m.group(1) + (m.group(2) == null ? "" : m.group(2)), Double.parseDouble(m.group(3)));
        }
        return out;
    }

    /** One sample from {@code /metrics}; 0 when the series does not exist yet. */
    public long metric(String name) {
        return metrics().getOrDefault(name, 0.0).longValue();
    }

    /** One labelled sample from {@code /metrics}, e.g. {@code metric("overlord_frames_in_total", "type", "chat")}. */
    public long metric(String name, String label, String value) {
        return metric(name + "{" + label + "=\"" + value + "\"}");
    }
}
