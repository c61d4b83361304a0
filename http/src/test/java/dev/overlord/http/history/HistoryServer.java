package dev.overlord.http.history;

import dev.overlord.http.server.Server;
import dev.overlord.http.testing.RunningServer;
import dev.overlord.persistence.DatabaseSettings;
import dev.overlord.persistence.query.HistoryRows;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The shared {@link RunningServer} for the history route tests, on H2 in a temp dir or on a
 * given database, plus direct row inserts into that database.
 */
final class HistoryServer implements AutoCloseable {
  private final RunningServer running;

  private HistoryServer(RunningServer running) {
    this.running = running;
  }

  /** Starts a server keeping its files in {@code dataDir}; its database is {@code database} or H2 there. */
  static HistoryServer start(Path dataDir, Optional<DatabaseSettings> database) {
    RunningServer running = RunningServer.create().dataDir(dataDir);
    database.ifPresent(running::database);
    return new HistoryServer(running.start());
  }

  Server server() {
    return running.server();
  }

  /** Inserts rows into this server's database. */
  HistoryRows rows() {
    return new HistoryRows(server().database().dataSource());
  }

  /** {@code GET} of a path with its query string, already URL-encoded. */
  HttpResponse<String> get(String pathAndQuery) {
    return running.get(pathAndQuery);
  }

  @Override
  public void close() {
    running.close();
  }
}
