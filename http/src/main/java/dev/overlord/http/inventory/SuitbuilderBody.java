package dev.overlord.http.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overlord.inventory.Item;
import dev.overlord.inventory.Slot;
import dev.overlord.inventory.suit.SuitRequest;
import dev.overlord.inventory.suit.SuitSearch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code POST /inventory/suitbuilder}'s body, read and bounded: a request or a reason it is bad. */
record SuitbuilderBody(SuitRequest request, List<String> characters) {
    static final int MAX_NAME = 200;
    static final int MAX_CHARACTERS = 50;
    static final int MAX_RESULTS = 20;
    static final int DEFAULT_RESULTS = 5;
    static final int MAX_TIME_LIMIT_S = 120;
    static final int DEFAULT_TIME_LIMIT_S = 30;
    static final int MAX_RATING = 10_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A body that cannot be used, with the message the client gets. */
    static final class Bad extends Exception {
        Bad(String message) {
            super(message, null, false, false);
        }
    }

    static SuitbuilderBody parse(String text) throws Bad {
        JsonNode body;
        try {
            body = JSON.readTree(text);
        } catch (Exception e) {
            throw new Bad("the body is not JSON");
        }
        if (body == null || !body.isObject()) throw new Bad("the body must be a JSON object");
        SuitRequest.WantedSet primary = set(body, "primary_set");
        SuitRequest.WantedSet secondary = set(body, "secondary_set");
        if (primary != null && secondary != null && primary.name().equalsIgnoreCase(secondary.name()))
            throw new Bad("secondary_set must differ from primary_set");
        List<String> cantrips = names(body, "cantrips", SuitSearch.MAX_WANTED);
        List<String> spells = names(body, "spells", SuitSearch.MAX_WANTED);
        if (cantrips.size() + spells.size() > SuitSearch.MAX_WANTED)
            throw new Bad("cantrips and spells: at most " + SuitSearch.MAX_WANTED + " names together");
        List<String> characters = names(body, "characters", MAX_CHARACTERS);
        if (characters.isEmpty()) throw new Bad("characters: name 1 to " + MAX_CHARACTERS + " characters");
        int results = integer(body, "results", DEFAULT_RESULTS, 1, MAX_RESULTS);
        int timeLimit = integer(body, "time_limit_s", DEFAULT_TIME_LIMIT_S, 1, MAX_TIME_LIMIT_S);
        return new SuitbuilderBody(
                new SuitRequest(
                        primary,
                        secondary,
                        cantrips,
                        spells,
                        locked(body),
                        minRatings(body),
                        results,
                        Duration.ofSeconds(timeLimit)),
                characters);
    }

    private static SuitRequest.WantedSet set(JsonNode body, String field) throws Bad {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) return null;
        if (!n.isObject()) throw new Bad(field + " must be an object {name, pieces}");
        String name = text(n.get("name"), field + ".name");
        int pieces = integer(n, "pieces", 1, 0, Slot.ARMOUR.size() + 2);
        return new SuitRequest.WantedSet(name, pieces);
    }

    private static String text(JsonNode n, String field) throws Bad {
        if (n == null || !n.isTextual() || n.asText().isBlank() || n.asText().length() > MAX_NAME)
            throw new Bad(field + " must be a text of 1 to " + MAX_NAME + " characters");
        return n.asText().strip();
    }

    private static List<String> names(JsonNode body, String field, int max) throws Bad {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) return List.of();
        if (!n.isArray()) throw new Bad(field + " must be a list of names");
        if (n.size() > max) throw new Bad(field + ": at most " + max + " names");
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (JsonNode e : n) out.add(text(e, field + " entries"));
        return List.copyOf(out);
    }

    private static int integer(JsonNode body, String field, int absent, int min, int max) throws Bad {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) return absent;
        if (!n.canConvertToInt()
                || !(n.isIntegralNumber() || n.isTextual() && n.asText().matches("-?\\d{1,9}")))
            throw new Bad(field + " must be a whole number from " + min + " to " + max);
        int v = n.asInt();
        if (v < min || v > max) throw new Bad(field + " must be a whole number from " + min + " to " + max);
        return v;
    }

    private static Map<Slot, Long> locked(JsonNode body) throws Bad {
        JsonNode n = body.get("locked");
        if (n == null || n.isNull()) return Map.of();
        if (!n.isObject()) throw new Bad("locked must be an object {\"<slot>\": item_id}");
        Map<Slot, Long> out = new EnumMap<>(Slot.class);
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Slot slot = e.getKey().length() > 40 ? null : Slot.fromWire(e.getKey());
            if (slot == null) throw new Bad("locked: unknown slot " + shorten(e.getKey()));
            JsonNode id = e.getValue();
            if (!(id.isIntegralNumber() && id.canConvertToLong()
                    || id.isTextual() && id.asText().matches("-?\\d{1,18}")))
                throw new Bad("locked: the item id for " + slot.wireName() + " must be a whole number");
            out.put(slot, id.asLong());
        }
        return out;
    }

    private static Map<String, Integer> minRatings(JsonNode body) throws Bad {
        JsonNode n = body.get("min_ratings");
        if (n == null || n.isNull()) return Map.of();
        if (!n.isObject()) throw new Bad("min_ratings must be an object {\"<rating>\": minimum}");
        Map<String, Integer> out = new TreeMap<>();
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) names.add(it.next());
        for (String name : names) {
            if (!Item.RATINGS.contains(name))
                throw new Bad("min_ratings: unknown rating " + shorten(name) + " (one of "
                        + String.join(", ", Item.RATINGS) + ")");
            out.put(name, integer(n, name, 0, 0, MAX_RATING));
        }
        return out;
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
