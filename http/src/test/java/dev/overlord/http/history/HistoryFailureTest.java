package dev.overlord.http.history;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the database fails, every history endpoint answers 500 with a fixed message and nothing else. */
class HistoryFailureTest {

  @Test
  void aDeadDatabaseGives500WithoutDetails(@TempDir Path dataDir) {
    try (HistoryServer overlord = HistoryServer.start(dataDir, Optional.empty())) {
      overlord.server().database().close();

      for (String path : List.of("/portals", "/trails", "/spawns/heatmap", "/rares", "/quests/Larsson",
          "/character-stats/Larsson", "/combat-stats/Larsson", "/history/snapshot?at=2026-11-20T12:00:00Z",
          "/history?from=2026-11-20T12:00:00Z&to=2026-11-20T13:00:00Z")) {
        HttpResponse<String> r = overlord.get(path);
        assertEquals(500, r.statusCode(), path);
        assertEquals("{\"error\":\"internal error\"}", r.body(), path);
        assertEquals("application/json", r.headers().firstValue("content-type").orElse(""), path);
      }
    }
  }
}
