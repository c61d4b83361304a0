package dev.overlord.persistence.combat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lifetime combat totals: every session's latest snapshot merged field by field, at any depth, by
 * the field's name (the rule per field is in docs/api.md under combat-stats). Counts are summed,
 * maxima and minima kept, rates recomputed from the summed counts, breakdowns by monster and
 * element merged by key, text and other arrays taken from the latest session.
 */
public final class CombatTotals {

    /** One session's latest snapshot and its time, which decides what "latest" means for text. */
    public record Snapshot(JsonNode json, Instant snapshotTs) {

        /**
         * A stored snapshot's JSON text. The entity writes these, so one that is not JSON is a damaged
         * row: it adds nothing to the totals rather than stopping the characters behind it.
         */
        public static Snapshot stored(String json, Instant snapshotTs) {
            try {
                return new Snapshot(JSON.readTree(json), snapshotTs);
            } catch (JsonProcessingException e) {
                log.warn("combat snapshot is not JSON, left out of the lifetime totals: {}", e.getOriginalMessage());
                return new Snapshot(F.objectNode(), snapshotTs);
            }
        }
    }

    private static final Logger log = LoggerFactory.getLogger(CombatTotals.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final List<String> RATE_SUFFIXES =
            List.of("_rate", "_pct", "_percent", "_per_hour", "_per_second", "_per_minute");

    /** Rates seen per merged object, in the order first seen; recomputed once all are merged. */
    private final Map<ObjectNode, Set<String>> rates = new IdentityHashMap<>();

    private CombatTotals() {}

    /** The lifetime totals of these sessions; {@code {}} when there are none. */
    public static ObjectNode merge(List<Snapshot> sessions) {
        List<Snapshot> oldestFirst = new ArrayList<>(sessions);
        oldestFirst.sort(Comparator.comparing(Snapshot::snapshotTs));
        CombatTotals merger = new CombatTotals();
        ObjectNode total = F.objectNode();
        for (Snapshot s : oldestFirst) {
            if (s.json() instanceof ObjectNode o) merger.mergeObject(total, o);
        }
        merger.rates.forEach(CombatTotals::recomputeRates);
        return total;
    }

    // Sessions arrive oldest first, so "the latest session's value" is simply the last one written.
    private void mergeObject(ObjectNode into, ObjectNode from) {
        for (Map.Entry<String, JsonNode> field : from.properties()) {
            String name = field.getKey();
            JsonNode value = field.getValue();
            JsonNode current = into.get(name);
            if (value instanceof ObjectNode child) {
                // A field that is an object in one snapshot and something else in another keeps what came first.
                if (current == null) mergeObject(into.putObject(name), child);
                else if (current instanceof ObjectNode merged) mergeObject(merged, child);
            } else if (value instanceof ArrayNode list) {
                if (isNamed(list) && (current == null || current instanceof ArrayNode known && isNamed(known))) {
                    into.set(name, mergeByName((ArrayNode) current, list));
                } else {
                    into.set(name, list.deepCopy());
                }
            } else if (value.isNumber()) {
                if (current != null && !current.isNumber() && !(current.isNull() && isRate(name))) continue;
                mergeNumber(into, name, current, value);
            } else if (current == null || current.isValueNode()) {
                into.set(name, value);
            }
        }
    }

    private void mergeNumber(ObjectNode into, String name, JsonNode current, JsonNode value) {
        if (name.startsWith("max_") || name.endsWith("_max")) {
            into.set(name, current == null || decimal(value).compareTo(decimal(current)) > 0 ? value : current);
        } else if (name.startsWith("min_") || name.endsWith("_min")) {
            into.set(name, current == null || decimal(value).compareTo(decimal(current)) < 0 ? value : current);
        } else if (isRate(name)) {
            // Held in place (so the field keeps its position) until recomputed from the summed counts.
            if (current == null) into.putNull(name);
            rates.computeIfAbsent(into, k -> new LinkedHashSet<>()).add(name);
        } else {
            into.set(name, plus(current, value));
        }
    }

    /** Arrays of named objects merge element by element by name, in order of first appearance. */
    private ArrayNode mergeByName(ArrayNode current, ArrayNode from) {
        Map<String, ObjectNode> byName = new LinkedHashMap<>();
        if (current != null) current.forEach(e -> byName.put(e.get("name").textValue(), (ObjectNode) e));
        for (JsonNode e : from) {
            ObjectNode merged = byName.computeIfAbsent(e.get("name").textValue(), k -> F.objectNode());
            mergeObject(merged, (ObjectNode) e);
        }
        ArrayNode out = F.arrayNode();
        byName.values().forEach(out::add);
        return out;
    }

    private static boolean isNamed(ArrayNode list) {
        for (JsonNode e : list) {
            if (!(e instanceof ObjectNode) || !e.path("name").isTextual()) return false;
        }
        return true;
    }

    static boolean isRate(String name) {
        return name.equals("dps")
                || name.startsWith("avg_")
                || name.startsWith("average_")
                || RATE_SUFFIXES.stream().anyMatch(name::endsWith);
    }

    /** Known rates from the object's own sums; a rate without its pair (or with a zero denominator) is left out. */
    private static void recomputeRates(ObjectNode o, Set<String> names) {
        for (String name : names) {
            Double rate = switch (name) {
                case "hit_rate" -> ratio(o, "hits", "attacks");
                case "crit_rate" -> ratio(o, "crits", "hits");
                case "evade_rate" -> ratio(o, "evades", "attacks");
                case "resist_rate" -> ratio(o, "resists", "attacks");
                case "avg_hit" ->
                    ratio(
                            o,
                            o.has("damage") ? "damage" : o.has("total_damage") ? "total_damage" : "damage_given",
                            "hits");
                default -> null;
            };
            if (rate == null) o.remove(name);
            else o.put(name, rate);
        }
    }

    private static Double ratio(ObjectNode o, String numerator, String denominator) {
        JsonNode n = o.get(numerator);
        JsonNode d = o.get(denominator);
        if (n == null || !n.isNumber() || d == null || !d.isNumber() || d.doubleValue() <= 0) return null;
        return n.doubleValue() / d.doubleValue();
    }

    private static BigDecimal decimal(JsonNode n) {
        return n.isIntegralNumber() ? new BigDecimal(n.bigIntegerValue()) : BigDecimal.valueOf(n.doubleValue());
    }

    /** Whole numbers stay whole (and cannot overflow); any fraction makes the sum a double. */
    private static JsonNode plus(JsonNode current, JsonNode value) {
        if (current == null)
            return value.isIntegralNumber() ? F.numberNode(value.bigIntegerValue()) : F.numberNode(value.doubleValue());
        if (current.isIntegralNumber() && value.isIntegralNumber()) {
            return F.numberNode(current.bigIntegerValue().add(value.bigIntegerValue()));
        }
        return F.numberNode(current.doubleValue() + value.doubleValue());
    }
}
