package dev.overlord.persistence.inventory;

import java.util.List;
import java.util.Map;

/**
 * One search across characters' items: every filter is optional (null or empty: not applied), the
 * filters all hold together, a list filter is any of its values.
 *
 * @param q text the name contains, case-insensitive
 * @param spellsAll spell or cantrip names the item must all carry (case-insensitive)
 * @param spellsAny spell or cantrip names of which the item carries at least one
 * @param minRatings rating name to the least value the item must carry
 * @param maxWield the highest wield requirement allowed (items without one pass)
 * @param sort the sort key (see {@link Sort})
 */
public record ItemSearch(
        String q,
        List<String> objectClasses,
        List<String> materials,
        List<String> armorSets,
        List<String> spellsAll,
        List<String> spellsAny,
        Integer minArmorLevel,
        Integer minDamage,
        Map<String, Integer> minRatings,
        Integer tinksMin,
        Integer tinksMax,
        Double workmanshipMin,
        Double workmanshipMax,
        Integer maxWield,
        Boolean equipped,
        List<String> characters,
        Sort sort,
        boolean descending,
        int limit,
        int offset) {

    /** What a search can be sorted by, and the column each sorts. */
    public enum Sort {
        NAME("name_lower", true),
        ARMOR_LEVEL("armor_level", false),
        MAX_DAMAGE("max_damage", false),
        WORKMANSHIP("workmanship", false),
        VALUE("item_value", false),
        TINKS("tinks", false),
        CHARACTER_NAME("character_name", true);

        final String column;
        /** Whether the column holds text (else a number). */
        final boolean text;

        Sort(String column, boolean text) {
            this.column = column;
            this.text = text;
        }
    }

    public ItemSearch {
        objectClasses = List.copyOf(objectClasses);
        materials = List.copyOf(materials);
        armorSets = List.copyOf(armorSets);
        spellsAll = List.copyOf(spellsAll);
        spellsAny = List.copyOf(spellsAny);
        minRatings = Map.copyOf(minRatings);
        characters = List.copyOf(characters);
        if (sort == null) sort = Sort.NAME;
    }

    /** A search with no filter (every item, by name, the first 50) to narrow with the builder's methods. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds an {@link ItemSearch} one filter at a time. */
    public static final class Builder {
        private String q;
        private List<String> objectClasses = List.of();
        private List<String> materials = List.of();
        private List<String> armorSets = List.of();
        private List<String> spellsAll = List.of();
        private List<String> spellsAny = List.of();
        private Integer minArmorLevel;
        private Integer minDamage;
        private Map<String, Integer> minRatings = Map.of();
        private Integer tinksMin;
        private Integer tinksMax;
        private Double workmanshipMin;
        private Double workmanshipMax;
        private Integer maxWield;
        private Boolean equipped;
        private List<String> characters = List.of();
        private Sort sort = Sort.NAME;
        private boolean descending;
        private int limit = 50;
        private int offset;

        public Builder q(String q) {
            this.q = q;
            return this;
        }

        public Builder objectClasses(List<String> objectClasses) {
            this.objectClasses = objectClasses;
            return this;
        }

        public Builder materials(List<String> materials) {
            this.materials = materials;
            return this;
        }

        public Builder armorSets(List<String> armorSets) {
            this.armorSets = armorSets;
            return this;
        }

        public Builder spellsAll(List<String> spellsAll) {
            this.spellsAll = spellsAll;
            return this;
        }

        public Builder spellsAny(List<String> spellsAny) {
            this.spellsAny = spellsAny;
            return this;
        }

        public Builder minArmorLevel(Integer minArmorLevel) {
            this.minArmorLevel = minArmorLevel;
            return this;
        }

        public Builder minDamage(Integer minDamage) {
            this.minDamage = minDamage;
            return this;
        }

        public Builder minRatings(Map<String, Integer> minRatings) {
            this.minRatings = minRatings;
            return this;
        }

        public Builder tinksMin(Integer tinksMin) {
            this.tinksMin = tinksMin;
            return this;
        }

        public Builder tinksMax(Integer tinksMax) {
            this.tinksMax = tinksMax;
            return this;
        }

        public Builder workmanshipMin(Double workmanshipMin) {
            this.workmanshipMin = workmanshipMin;
            return this;
        }

        public Builder workmanshipMax(Double workmanshipMax) {
            this.workmanshipMax = workmanshipMax;
            return this;
        }

        public Builder maxWield(Integer maxWield) {
            this.maxWield = maxWield;
            return this;
        }

        public Builder equipped(Boolean equipped) {
            this.equipped = equipped;
            return this;
        }

        public Builder characters(List<String> characters) {
            this.characters = characters;
            return this;
        }

        public Builder sort(Sort sort) {
            this.sort = sort;
            return this;
        }

        public Builder descending(boolean descending) {
            this.descending = descending;
            return this;
        }

        public Builder limit(int limit) {
            this.limit = limit;
            return this;
        }

        public Builder offset(int offset) {
            this.offset = offset;
            return this;
        }

        public ItemSearch build() {
            return new ItemSearch(
                    q,
                    objectClasses,
                    materials,
                    armorSets,
                    spellsAll,
                    spellsAny,
                    minArmorLevel,
                    minDamage,
                    minRatings,
                    tinksMin,
                    tinksMax,
                    workmanshipMin,
                    workmanshipMax,
                    maxWield,
                    equipped,
                    characters,
                    sort,
                    descending,
                    limit,
                    offset);
        }
    }
}
