package dev.overlord.persistence.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Lifetime combat totals are the field-by-field sum of the sessions' latest snapshots. */
class CombatTotalsTest {

  static final ObjectMapper JSON = new ObjectMapper();

  static JsonNode sum(String... snapshots) throws Exception {
    List<JsonNode> nodes = new ArrayList<>();
    for (String s : snapshots) nodes.add(JSON.readTree(s));
    // Written and read back, as the handler stores it.
    return JSON.readTree(CombatTotals.sum(nodes).toString());
  }

  @Test
  void nestedNumbersAreSummedByKey() throws Exception {
    JsonNode total = sum(
        "{\"offense\":{\"total_damage\":100,\"by_element\":{\"cold\":60}},\"monsters\":{\"Ripper\":{\"kills\":4}}}",
        "{\"offense\":{\"total_damage\":70,\"by_element\":{\"fire\":5}},\"monsters\":{\"Soldier\":{\"kills\":1}}}");
    assertEquals(JSON.readTree(
        "{\"offense\":{\"total_damage\":170,\"by_element\":{\"cold\":60,\"fire\":5}},"
            + "\"monsters\":{\"Ripper\":{\"kills\":4},\"Soldier\":{\"kills\":1}}}"), total);
  }

  @Test
  void wholeNumbersStayWholeAndDoNotOverflowWhileFractionsAreKept() throws Exception {
    JsonNode total = sum("{\"a\":9223372036854775807,\"rate\":0.5}", "{\"a\":1,\"rate\":0.25}");
    assertEquals("9223372036854775808", total.get("a").asText());
    assertEquals(0.75, total.get("rate").asDouble());
  }

  @Test
  void textBooleansAndArraysHaveNoSum() throws Exception {
    JsonNode total = sum("{\"n\":1,\"name\":\"x\",\"on\":true,\"list\":[1,2]}", "{\"n\":2,\"name\":\"y\"}");
    assertEquals(JSON.readTree("{\"n\":3}"), total);
  }

  @Test
  void aFieldThatChangesKindKeepsTheFirstKind() throws Exception {
    assertEquals(JSON.readTree("{\"x\":1}"), sum("{\"x\":1}", "{\"x\":{\"y\":2}}"));
    assertEquals(JSON.readTree("{\"x\":{\"y\":2}}"), sum("{\"x\":{\"y\":2}}", "{\"x\":1}"));
  }

  @Test
  void noSessionsSumToAnEmptyObject() throws Exception {
    assertEquals(JSON.readTree("{}"), sum());
  }
}
