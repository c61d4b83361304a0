package dev.overlord.http.reliability;

import static org.awaitility.Awaitility.await;

import dev.overlord.persistence.DatabaseSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The real server ({@code dev.overlord.http.Main}) in a JVM of its own, on the test's classpath,
 * so a test can kill it as the kernel would ({@code kill -9}) and start it again on the same
 * database and data directory. Its output goes to a log file per start, kept for a failed run.
 */
final class ServerProcess implements AutoCloseable {
    static final Duration START_DEADLINE = Duration.ofSeconds(90);

    private final DatabaseSettings database;
    private final Path dataDir;
    private final List<String> properties;
    private final int port;
    private final String sharedSecret = "plugin-secret-" + UUID.randomUUID();
    private final String adminPassword = "admin-password-" + UUID.randomUUID();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;
    private int starts;

    /**
     * @param properties extra {@code key=value} system properties (HOCON paths) for the server
     */
    ServerProcess(DatabaseSettings database, Path dataDir, List<String> properties) {
        this.database = database;
        this.dataDir = dataDir;
        this.properties = List.copyOf(properties);
        this.port = freePort();
    }

    /** The log of the latest start. */
    Path log() {
        return dataDir.resolve("server-" + starts + ".log");
    }

    int port() {
        return port;
    }

    String sharedSecret() {
        return sharedSecret;
    }

    String adminPassword() {
        return adminPassword;
    }

    /** Starts the server and waits until {@code /ready} answers 200; returns how long that took. */
    Duration start() {
        if (process != null && process.isAlive()) throw new IllegalStateException("already running");
        long t0 = System.nanoTime();
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx384m");
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-Doverlord.mode=dev");
        cmd.add("-Doverlord.http.host=127.0.0.1");
        cmd.add("-Doverlord.http.port=" + port);
        cmd.add("-Doverlord.data-dir=" + dataDir.toAbsolutePath());
        cmd.add("-Doverlord.shared-secret=" + sharedSecret);
        cmd.add("-Doverlord.secret-key=cookie-key-" + UUID.randomUUID());
        cmd.add("-Doverlord.admin-password=" + adminPassword);
        cmd.add("-Doverlord.users.bcrypt-cost=4");
        cmd.add("-Doverlord.simulator.enabled=off");
        cmd.add("-Doverlord.database.url=" + database.url());
        cmd.add("-Doverlord.database.user=" + database.user());
        cmd.add("-Doverlord.database.password=" + database.password());
        for (String p : properties) cmd.add("-D" + p);
        cmd.add("-cp");
        cmd.add(testClassPath());
        cmd.add("dev.overlord.http.Main");
        ProcessBuilder pb = new ProcessBuilder(cmd);
        // Whatever this machine's environment says, the server takes only what the test gives it.
        pb.environment()
                .keySet()
                .removeIf(k -> k.startsWith("OVERLORD_") || k.equals("SHARED_SECRET") || k.equals("SECRET_KEY"));
        Path log = dataDir.resolve("server-" + (++starts) + ".log");
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Process started = process;
        await("the server ready; its log is " + log)
                .atMost(START_DEADLINE)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    if (!started.isAlive()) throw new IllegalStateException("server exited at start; see " + log);
                    return status("/ready") == 200;
                });
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    /** {@code kill -9}: no shutdown hook, no drain, no goodbye to the database or the sockets. */
    void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) throw new IllegalStateException("server did not die");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The running server's process id, for {@code jcmd} and {@code /proc}. */
    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    URI http(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    URI ws(String path) {
        return URI.create("ws://127.0.0.1:" + port + path);
    }

    /** The status of a GET, or -1 when nothing answered. */
    int status(String path) {
        try {
            return http.send(
                            HttpRequest.newBuilder(http(path))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) kill();
    }

    /** Surefire runs tests from a manifest-only jar; the real classpath is in this property then. */
    private static String testClassPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path tempDir() {
        try {
            return Files.createTempDirectory("overlord-crash");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
