package dev.overlord.persistence.inventory;

import dev.overlord.inventory.OwnedItem;
import java.util.List;
import java.util.Map;

/**
 * One page of a search and its facets.
 *
 * @param total how many items match, all pages together
 * @param facets per facet (armor_set, material, object_class) how many matching items have each value
 */
public record SearchResult(long total, List<OwnedItem> items, Map<String, Map<String, Long>> facets) {
    public SearchResult {
        items = List.copyOf(items);
    }
}
