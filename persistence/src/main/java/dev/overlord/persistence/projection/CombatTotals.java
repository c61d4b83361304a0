package dev.overlord.persistence.projection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * Lifetime combat totals: the field-by-field sum of the numbers in the latest snapshot of every
 * session. Nested objects are summed by key; text, booleans and arrays have no sum and are left out.
 */
final class CombatTotals {

  private CombatTotals() {}

  static ObjectNode sum(Iterable<JsonNode> snapshots) {
    ObjectNode total = JsonNodeFactory.instance.objectNode();
    for (JsonNode snapshot : snapshots) {
      if (snapshot instanceof ObjectNode o) add(total, o);
    }
    return total;
  }

  private static void add(ObjectNode into, ObjectNode from) {
    for (Map.Entry<String, JsonNode> field : from.properties()) {
      String name = field.getKey();
      JsonNode value = field.getValue();
      JsonNode current = into.get(name);
      if (value.isNumber() && (current == null || current.isNumber())) {
        into.set(name, plus(current, value));
      } else if (value instanceof ObjectNode child) {
        // A field that is a number in one snapshot and an object in another keeps what came first.
        if (current == null) add(into.putObject(name), child);
        else if (current instanceof ObjectNode sum) add(sum, child);
      }
    }
  }

  /** Whole numbers stay whole (and cannot overflow); any fraction makes the sum a double. */
  private static JsonNode plus(JsonNode current, JsonNode value) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    if (current == null) return value.isIntegralNumber() ? f.numberNode(value.bigIntegerValue()) : f.numberNode(value.doubleValue());
    if (current.isIntegralNumber() && value.isIntegralNumber()) {
      return f.numberNode(current.bigIntegerValue().add(value.bigIntegerValue()));
    }
    return f.numberNode(current.doubleValue() + value.doubleValue());
  }
}
