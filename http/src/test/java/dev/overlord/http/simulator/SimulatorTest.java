package dev.overlord.http.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overlord.http.testing.RunningServer;
import dev.overlord.http.testing.SocketClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The demo simulator plays real plugins over real sockets: it shows up in {@code /live} and answers commands. */
class SimulatorTest {
  @RegisterExtension
  static final RunningServer overlord = RunningServer.create()
      .with("overlord.simulator.enabled = on")
      .with("overlord.simulator.characters = 3")
      .with("overlord.simulator.telemetry-every = 200 ms");

  private static final ObjectMapper JSON = new ObjectMapper();

  private static List<String> livePlayers() throws Exception {
    List<String> names = new ArrayList<>();
    JSON.readTree(overlord.get("/live").body()).path("players").forEach(p -> names.add(p.path("character_name").asText()));
    return names;
  }

  @Test
  void threeSimulatedCharactersAppearInLive() throws Exception {
    List<String> expected = List.of(Simulator.name(0), Simulator.name(1), Simulator.name(2));
    List<String> players = SocketClient.waiting("three simulated players in /live")
        .until(SimulatorTest::livePlayers, p -> p.size() == 3);
    assertEquals(expected.stream().sorted().toList(), players.stream().sorted().toList());
    assertTrue(overlord.server().simulator().orElseThrow().framesSent() > 0);
  }

  @Test
  void aSimulatedCharacterAnswersABrowsersCommandWithAChatLine() throws Exception {
    String name = Simulator.name(1);
    try (SocketClient browser = overlord.browser()) {
      SocketClient.waiting(name + " in /live").until(() -> livePlayers().contains(name));

      browser.send("{\"player_name\":\"" + name + "\",\"command\":\"/radar start\"}");

      assertEquals("delivered", browser.awaitType("command_result").path("status").asText());
      JsonNode answer = browser.awaitJson(j -> "chat".equals(j.path("type").asText())
          && name.equals(j.path("character_name").asText())
          && j.path("text").asText().contains("command received"));
      assertTrue(answer.path("text").asText().endsWith("command received: /radar start"), answer.toString());
      assertTrue(answer.has("seq"), "it came through the live feed like any plugin frame");
    }
  }
}
