package dev.overlord.http.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.overlord.character.CharacterEntity;
import dev.overlord.character.CharacterState;
import dev.overlord.http.testing.Frames;
import dev.overlord.http.testing.RunningServer;
import dev.overlord.http.testing.SocketClient;
import dev.overlord.persistence.DatabaseSettings;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The journal through the real server: what a character's frames made durable is still there
 * when a new server starts on the same database; what is only held in memory is not. Written once,
 * run on each database by a tiny subclass.
 */
abstract class JournalRecoveryContract {
  static final String NAME = "Journal Keeper";

  /** The database both servers of a test use. */
  protected abstract DatabaseSettings database();

  private RunningServer server() {
    return RunningServer.create().database(database());
  }

  @Test
  void aCharactersDurableStateIsRecoveredFromTheJournalByTheNextServer() throws Exception {
    CharacterState before;
    try (RunningServer first = server().start()) {
      try (SocketClient plugin = first.plugin()) {
        plugin.send(Frames.telemetry(NAME, 10.5, -20.25, 5).put("total_deaths", 2).put("prismatic_taper_count", 33));
        plugin.send(Frames.vitals(NAME, 0));
        plugin.send(Frames.vitals(NAME, 3)); // vitae from 0 to 3: a death
        plugin.send(Frames.telemetry(NAME, 11.0, -21.0, 7).put("total_deaths", 2).put("prismatic_taper_count", 33));
        CharacterEntity.View online = SocketClient.waiting("the frames to reach the entity")
            .until(() -> view(first), v -> v.state().sessionCounters().kills() == 7 && v.state().observedDeaths().count() == 1);
        assertNotNull(online.vitals());
        assertEquals(true, online.state().presence().online());
      }
      // The plugin has gone: the entity journals the last position and goes offline.
      before = SocketClient.waiting("the character to go offline")
          .until(() -> view(first), v -> !v.state().presence().online()).state();
    }

    try (RunningServer second = server().start()) {
      CharacterEntity.View after = view(second);

      assertEquals(before, after.state(), "every durable fact, as the first server left it");
      CharacterState s = after.state();
      assertFalse(s.presence().online());
      assertEquals(7, s.sessionCounters().kills());
      assertEquals(2, s.sessionCounters().deaths());
      assertEquals(33, s.sessionCounters().tapers());
      assertEquals(1, s.observedDeaths().count());
      assertEquals(11.0, s.presence().lastPosition().ew());
      assertEquals(-21.0, s.presence().lastPosition().ns());
      assertNull(after.vitals(), "vitals are not journaled");
      assertNull(after.lastTelemetry(), "nor is the last telemetry");
    }
  }

  private static CharacterEntity.View view(RunningServer s) throws Exception {
    return CharacterEntity.ref(s.server().system(), NAME)
        .<CharacterEntity.View>ask(CharacterEntity.GetView::new, Duration.ofSeconds(10))
        .toCompletableFuture()
        .get(15, TimeUnit.SECONDS);
  }
}
