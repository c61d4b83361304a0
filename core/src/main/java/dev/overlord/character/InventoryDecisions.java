package dev.overlord.character;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overlord.character.CharacterEvent.InventoryChanged;
import dev.overlord.character.CharacterState.DocumentDigests;
import dev.overlord.character.InventoryFacts.Mark;
import dev.overlord.inventory.ItemParser;
import dev.overlord.metrics.Metrics;
import dev.overlord.protocol.PluginFrame;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The inventory: a full inventory ({@code inventory} / {@code full_inventory}) journals one
 * {@link InventoryChanged} with {@code snapshot} set holding only what differs from the inventory
 * the entity holds (new or changed items as their raw JSON, ids no longer there), nothing when a
 * login resends the same items; an {@code inventory_delta} journals its one item when it differs,
 * or the removal of an item the entity holds.
 *
 * <p>Reports may arrive out of order: each item remembers the plugin's time of its last change and
 * removed ids are remembered for a while, so a report older than one already applied leaves that
 * item as the newer report made it. An {@code update} of an item never seen is taken as an add (the
 * plugin may have reported the add before this server saw it). What cannot be applied is counted
 * in {@code overlord_inventory_ignored_total} by reason and otherwise ignored: {@code bad_action},
 * {@code no_item}, {@code bad_item}, {@code no_id}, {@code duplicate} (the item as already held),
 * {@code stale} (older than what the entity holds), {@code unknown_item} (removal of an id never
 * held), {@code already_removed}, {@code too_many} (items beyond {@link #MAX_ITEMS} in a dump).
 */
final class InventoryDecisions {

    /** Items read from one full inventory; the frame size limit bounds them first. */
    static final int MAX_ITEMS = 20_000;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Metrics.LabeledCounter ignored;

    InventoryDecisions(Metrics.LabeledCounter ignored) {
        this.ignored = ignored;
    }

    /** Counts nothing: for tests and callers without metrics. */
    static final Metrics.LabeledCounter UNCOUNTED = (reason, n) -> {};

    static Metrics.LabeledCounter counter(Metrics metrics) {
        return metrics.labeledCounter(
                "overlord_inventory_ignored_total",
                "reason",
                "Inventory reports (items of a dump, deltas) that changed nothing, by reason");
    }

    Decision inventory(CharacterState state, Ephemeral ephemeral, SessionFrame frame, Instant now) {
        return switch (frame.frame()) {
            case PluginFrame.FullInventory f -> full(state, ephemeral, f, now);
            case PluginFrame.InventoryDelta d -> delta(state, ephemeral, d, now);
            default -> Decision.none(ephemeral);
        };
    }

    private Decision full(CharacterState state, Ephemeral ephemeral, PluginFrame.FullInventory f, Instant now) {
        InventoryFacts held = state.inventory();
        Instant reported = f.envelope().timestamp();
        Map<Long, String> reportedItems = new LinkedHashMap<>();
        int read = 0;
        for (JsonNode node : f.items()) {
            if (read++ >= MAX_ITEMS) {
                ignored.add("too_many", f.items().size() - MAX_ITEMS);
                break;
            }
            Long id = node.isObject() ? ItemParser.id(node) : null;
            if (id == null) {
                ignored.inc(node.isObject() ? "no_id" : "bad_item");
                continue;
            }
            reportedItems.put(id, node.toString());
        }
        List<String> upserts = new ArrayList<>();
        for (var e : reportedItems.entrySet()) {
            Mark mark = held.items().get(e.getKey());
            Instant removedAt = held.removed().get(e.getKey());
            if (mark != null && mark.reportedAt().isAfter(reported)) continue; // a newer delta changed it
            if (mark == null && removedAt != null && removedAt.isAfter(reported)) continue; // removed since
            if (mark != null && mark.digest().equals(digest(e.getValue()))) continue;
            upserts.add(e.getValue());
        }
        List<Long> removed = new ArrayList<>();
        for (var e : held.items().entrySet()) {
            // An item a newer delta added stays, though this older dump does not list it.
            if (!reportedItems.containsKey(e.getKey())
                    && !e.getValue().reportedAt().isAfter(reported)) {
                removed.add(e.getKey());
            }
        }
        if (upserts.isEmpty() && removed.isEmpty()) return Decision.none(ephemeral);
        removed.sort(null);
        return Decision.of(ephemeral, new InventoryChanged(now, held.version() + 1, reported, true, upserts, removed));
    }

    private Decision delta(CharacterState state, Ephemeral ephemeral, PluginFrame.InventoryDelta d, Instant now) {
        InventoryFacts held = state.inventory();
        Instant reported = d.envelope().timestamp();
        String action = action(d.action());
        if (action == null) return ignore("bad_action", ephemeral);
        if (action.equals("remove")) {
            Long id = d.itemId();
            if (id == null) return ignore("no_id", ephemeral);
            Mark mark = held.items().get(id);
            if (mark == null)
                return ignore(held.removed().containsKey(id) ? "already_removed" : "unknown_item", ephemeral);
            if (mark.reportedAt().isAfter(reported)) return ignore("stale", ephemeral);
            return Decision.of(
                    ephemeral, new InventoryChanged(now, held.version() + 1, reported, false, List.of(), List.of(id)));
        }
        ObjectNode item = d.item();
        if (item == null) return ignore("no_item", ephemeral);
        Long id = ItemParser.id(item);
        if (id == null) return ignore("no_id", ephemeral);
        String raw = item.toString();
        Mark mark = held.items().get(id);
        Instant removedAt = held.removed().get(id);
        if (mark != null && mark.reportedAt().isAfter(reported)) return ignore("stale", ephemeral);
        if (mark == null && removedAt != null && removedAt.isAfter(reported)) return ignore("stale", ephemeral);
        if (mark != null && mark.digest().equals(digest(raw))) return ignore("duplicate", ephemeral);
        return Decision.of(
                ephemeral, new InventoryChanged(now, held.version() + 1, reported, false, List.of(raw), List.of()));
    }

    private Decision ignore(String reason, Ephemeral ephemeral) {
        ignored.inc(reason);
        return Decision.none(ephemeral);
    }

    /** {@code add}, {@code update} or {@code remove} (a few spellings of each), else null. */
    static String action(String action) {
        if (action == null) return null;
        return switch (action) {
            case "add", "added", "create", "created", "new" -> "add";
            case "update", "updated", "change", "changed" -> "update";
            case "remove", "removed", "delete", "deleted" -> "remove";
            default -> null;
        };
    }

    /** The id of an item journaled as JSON text, null when it has none (never the case for journaled ones). */
    static Long idOf(String rawItem) {
        try {
            return ItemParser.id(MAPPER.readTree(rawItem));
        } catch (Exception e) {
            return null;
        }
    }

    /** A short fingerprint of an item's raw JSON: 96 bits of its SHA-256 are plenty for change detection. */
    static String digest(String rawItem) {
        return DocumentDigests.digest(rawItem).substring(0, 16);
    }
}
