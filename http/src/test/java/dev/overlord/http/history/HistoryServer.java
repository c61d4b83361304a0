package dev.overlord.http.history;

import com.typesafe.config.ConfigFactory;
import dev.overlord.http.server.Server;
import dev.overlord.persistence.DatabaseSettings;
import dev.overlord.persistence.query.HistoryRows;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A real Overlord server on an ephemeral loopback port (simulator off) for the history route
 * tests, on H2 in a temp dir or on a given database, with an HTTP client and direct row inserts.
 */
final class HistoryServer implements AutoCloseable {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final Server server;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

  private HistoryServer(Server server) {
    this.server = server;
  }

  /** Starts a server keeping its files in {@code dataDir}; its database is {@code database} or H2 there. */
  static HistoryServer start(Path dataDir, Optional<DatabaseSettings> database) {
    Map<String, Object> overrides = new HashMap<>();
    overrides.put("overlord.mode", "dev");
    overrides.put("overlord.http.host", "127.0.0.1");
    overrides.put("overlord.http.port", 0);
    overrides.put("overlord.data-dir", dataDir.toAbsolutePath().toString());
    overrides.put("overlord.shared-secret", "history-test-secret");
    overrides.put("overlord.secret-key", "history-test-cookie-key");
    overrides.put("overlord.admin-password", "history-test-admin");
    overrides.put("overlord.users.bcrypt-cost", 4);
    overrides.put("overlord.simulator.enabled", "off");
    // Whatever the environment says, the test picks its database.
    overrides.put("overlord.database.url", database.map(DatabaseSettings::url).orElse(""));
    overrides.put("overlord.database.user", database.map(DatabaseSettings::user).orElse(""));
    overrides.put("overlord.database.password", database.map(DatabaseSettings::password).orElse(""));
    overrides.put("overlord.database.max-pool-size", 4);
    overrides.put("pekko.coordinated-shutdown.exit-jvm", "off");
    overrides.put("pekko.coordinated-shutdown.run-by-jvm-shutdown-hook", "off");
    try {
      return new HistoryServer(Server.start(Server.config(ConfigFactory.parseMap(overrides)),
          new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Server server() {
    return server;
  }

  /** Inserts rows into this server's database. */
  HistoryRows rows() {
    return new HistoryRows(server.database().dataSource());
  }

  /** {@code GET} of a path with its query string, already URL-encoded. */
  HttpResponse<String> get(String pathAndQuery) {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + pathAndQuery))
        .timeout(TIMEOUT).GET().build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
