package dev.overlord.http.inventory;

import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overlord.http.readapi.Answers;
import dev.overlord.http.readapi.Parsed;
import dev.overlord.http.readapi.QueryParams;
import dev.overlord.http.readapi.QueryParams.BadParameter;
import dev.overlord.inventory.Item;
import dev.overlord.inventory.OwnedItem;
import dev.overlord.persistence.inventory.InventoryItems;
import dev.overlord.persistence.inventory.InventoryView;
import dev.overlord.persistence.inventory.ItemSearch;
import dev.overlord.persistence.inventory.SearchResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.util.ByteString;

/**
 * {@code GET /inventory/search}: items across characters by filters, with facet counts; {@code GET
 * /inventory/{character}}: one character's current inventory and its version.
 */
public final class InventoryRoutes {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;
    static final int MAX_OFFSET = 1_000_000;
    /** Longest text a filter value may be (names of items, sets and spells are shorter). */
    static final int MAX_TEXT = 128;
    /** Most values one list parameter may hold. */
    static final int MAX_VALUES = 50;

    static final String RATING_PREFIX = "min_rating_";

    private final InventoryItems items;
    private final Answers answers;

    public InventoryRoutes(InventoryItems items, Answers answers) {
        this.items = items;
        this.answers = answers;
    }

    public Route route() {
        return answers.get(() -> concat(
                path(
                        segment("inventory").slash("search"),
                        () -> answers.withListParams(
                                InventoryRoutes::search,
                                s -> answers.answer(() -> Answers.ok(json(items.search(s), s))))),
                path(segment("inventory").slash(segment()), character -> {
                    if (character.isBlank() || character.length() > QueryParams.MAX_NAME)
                        return answers.answer(() -> new Answers.Reply(
                                StatusCodes.BAD_REQUEST,
                                ByteString.fromString(Answers.error("parameter 'character': must be 1 to "
                                                + QueryParams.MAX_NAME + " characters")
                                        .toString())));
                    return answers.answer(() -> items.inventory(character)
                            .map(v -> Answers.ok(json(v)))
                            .orElseGet(() -> Answers.unknown(character)));
                })));
    }

    /** {@code GET /inventory/search}'s parameters; the first bad one is named in a 400. */
    static Parsed<ItemSearch> search(Map<String, String> params) {
        return QueryParams.parse(params, p -> {
            ItemSearch.Builder s = ItemSearch.builder();
            p.text("q").ifPresent(q -> {
                if (q.length() > MAX_TEXT) throw new BadParameter("q", "is longer than " + MAX_TEXT + " characters");
                if (!q.isBlank()) s.q(q.trim());
            });
            s.objectClasses(list(p, "object_class", MAX_TEXT));
            s.materials(list(p, "material", MAX_TEXT));
            s.armorSets(list(p, "armor_set", MAX_TEXT));
            s.spellsAll(list(p, "spells_all", MAX_TEXT));
            s.spellsAny(list(p, "spells_any", MAX_TEXT));
            s.characters(list(p, "characters", QueryParams.MAX_NAME));
            s.minArmorLevel(whole(p, "min_armor_level"));
            s.minDamage(whole(p, "min_damage"));
            Map<String, Integer> ratings = new LinkedHashMap<>();
            for (String name : params.keySet()) {
                if (!name.startsWith(RATING_PREFIX)) continue;
                String rating = name.substring(RATING_PREFIX.length());
                if (!Item.RATINGS.contains(rating))
                    throw new BadParameter(name, "is not a rating; ratings are " + String.join(", ", Item.RATINGS));
                ratings.put(rating, whole(p, name));
            }
            s.minRatings(ratings);
            s.tinksMin(whole(p, "tinks_min"));
            s.tinksMax(whole(p, "tinks_max"));
            s.workmanshipMin(decimal(p, "workmanship_min"));
            s.workmanshipMax(decimal(p, "workmanship_max"));
            s.maxWield(whole(p, "max_wield"));
            s.equipped(p.text("equipped")
                    .map(v -> switch (v.trim().toLowerCase(Locale.ROOT)) {
                        case "true" -> Boolean.TRUE;
                        case "false" -> Boolean.FALSE;
                        default ->
                            throw new BadParameter(
                                    "equipped", "expected true or false, got '" + QueryParams.shorten(v) + "'");
                    })
                    .orElse(null));
            s.sort(p.text("sort").map(v -> sort(v)).orElse(ItemSearch.Sort.NAME));
            s.descending(p.text("order")
                    .map(v -> switch (v.trim().toLowerCase(Locale.ROOT)) {
                        case "asc" -> false;
                        case "desc" -> true;
                        default ->
                            throw new BadParameter(
                                    "order", "expected asc or desc, got '" + QueryParams.shorten(v) + "'");
                    })
                    .orElse(false));
            s.limit(p.integer("limit", DEFAULT_LIMIT, 1, MAX_LIMIT));
            s.offset(p.integer("offset", 0, 0, MAX_OFFSET));
            return s.build();
        });
    }

    private static ItemSearch.Sort sort(String v) {
        try {
            return ItemSearch.Sort.valueOf(v.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadParameter(
                    "sort",
                    "expected one of name, armor_level, max_damage, workmanship, value, tinks, character_name, got '"
                            + QueryParams.shorten(v) + "'");
        }
    }

    /** A comma list (or a repeated parameter): any of its values; blanks dropped, duplicates once. */
    private static List<String> list(QueryParams p, String name, int maxLength) {
        Optional<String> raw = p.text(name);
        if (raw.isEmpty()) return List.of();
        LinkedHashSet<String> values = new LinkedHashSet<>();
        for (String v : raw.get().split(",")) {
            String t = v.trim();
            if (t.isEmpty()) continue;
            if (t.length() > maxLength)
                throw new BadParameter(name, "has a value longer than " + maxLength + " characters");
            values.add(t);
        }
        if (values.size() > MAX_VALUES) throw new BadParameter(name, "has more than " + MAX_VALUES + " values");
        return new ArrayList<>(values);
    }

    private static Integer whole(QueryParams p, String name) {
        return p.text(name).isPresent() ? p.integer(name, 0, -1_000_000_000, 1_000_000_000) : null;
    }

    private static Double decimal(QueryParams p, String name) {
        return p.text(name).isPresent() ? p.decimal(name, 0, -1e9, 1e9) : null;
    }

    static ObjectNode json(InventoryView v) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("character_name", v.characterName())
                .put("version", v.version())
                .put("updated_at", v.updatedAt().toString())
                .put("item_count", v.itemCount());
        ArrayNode list = body.putArray("items");
        for (Item i : v.items()) list.add(ItemJson.of(i));
        return body;
    }

    static ObjectNode json(SearchResult r, ItemSearch s) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("total", r.total()).put("limit", s.limit()).put("offset", s.offset());
        ArrayNode list = body.putArray("items");
        for (OwnedItem o : r.items()) list.add(ItemJson.of(o.item()).put("character_name", o.character()));
        ObjectNode facets = body.putObject("facets");
        r.facets().forEach((facet, counts) -> {
            ObjectNode f = facets.putObject(facet);
            counts.forEach(f::put);
        });
        return body;
    }
}
