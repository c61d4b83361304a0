package dev.overlord.persistence.inventory;

import static dev.overlord.persistence.SqlValues.instant;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.overlord.inventory.Item;
import dev.overlord.inventory.ItemSource;
import dev.overlord.inventory.OwnedItem;
import dev.overlord.inventory.Slot;
import dev.overlord.persistence.DataAccessException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The inventory read model: one character's items, a search across characters with facets, and
 * the items of chosen characters for the suitbuilder. Blocks on JDBC, throws {@link
 * DataAccessException}.
 *
 * <p>Items read back carry an empty {@code raw}: the tables' columns are what is shown and searched;
 * the item as reported stays in {@code item_raw_data}.
 */
public final class InventoryItems implements ItemSource {

    /** The facets a search counts, each a column of {@code items}. */
    public static final List<String> FACETS = List.of("armor_set", "material", "object_class");

    private static final String COLUMNS = "i.character_name, i.item_id, i.name, i.object_class, i.container_id,"
            + " i.equipped, i.equipped_slots, i.coverage, i.material, i.armor_set, i.armor_level, i.max_damage,"
            + " i.damage_type, i.damage_bonus, i.wield_requirement, i.wield_skill, i.tinks, i.workmanship, i.burden,"
            + " i.item_value, i.stack_size, i.icon";

    private final DataSource dataSource;

    public InventoryItems(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** The character's inventory, by name; empty for a character whose inventory was never seen. */
    public Optional<InventoryView> inventory(String character) {
        try (Connection c = dataSource.getConnection()) {
            long version;
            Instant updatedAt;
            int count;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT version, updated_at, item_count FROM inventories WHERE character_name = ?")) {
                ps.setString(1, character);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) return Optional.empty();
                    version = rs.getLong(1);
                    updatedAt = instant(rs, 2);
                    count = rs.getInt(3);
                }
            }
            List<OwnedItem> items = read(
                    c,
                    "SELECT " + COLUMNS + " FROM items i WHERE i.character_name = ? ORDER BY i.name_lower, i.item_id",
                    List.of(character));
            return Optional.of(new InventoryView(
                    character,
                    version,
                    updatedAt,
                    count,
                    items.stream().map(OwnedItem::item).toList()));
        } catch (SQLException e) {
            throw new DataAccessException("could not read an inventory", e);
        }
    }

    @Override
    public List<OwnedItem> items(Collection<String> characters) {
        List<Object> params = new ArrayList<>(characters);
        String where = characters.isEmpty() ? "" : " WHERE i.character_name IN (" + marks(characters.size()) + ")";
        try (Connection c = dataSource.getConnection()) {
            return read(
                    c, "SELECT " + COLUMNS + " FROM items i" + where + " ORDER BY i.character_name, i.item_id", params);
        } catch (SQLException e) {
            throw new DataAccessException("could not read items", e);
        }
    }

    /** One page of the items matching {@code search}, the total and the facets over every match. */
    public SearchResult search(ItemSearch search) {
        try (Connection c = dataSource.getConnection()) {
            Text text = text(c, search.q());
            if (text == Text.NONE) return new SearchResult(0, List.of(), noFacets());
            String key = search.sort().column;
            // A text in some names: ordering by an expression keeps H2 from walking the sort key's
            // index and testing each row out of order (seconds when the text is rare); the matches are
            // read and a top-N sort of them is bounded. A text in most names walks the sort key's
            // index like no text at all: a page's worth of matches comes early.
            String sortKey = text == Text.ANY || text.most()
                    ? "i." + key
                    : search.sort().text ? "CONCAT(i." + key + ", '')" : "(i." + key + " + 0)";
            String order = " ORDER BY " + sortKey + (search.descending() ? " DESC" : " ASC")
                    + " NULLS LAST, i.character_name, i.item_id";
            Filter filter = filter(search, text);
            List<Object> paged = new ArrayList<>(filter.params());
            paged.add(search.limit());
            paged.add(search.offset());
            List<OwnedItem> items =
                    read(c, "SELECT " + COLUMNS + " FROM items i" + filter.sql() + order + " LIMIT ? OFFSET ?", paged);
            Counted counted = countAndFacets(c, filter);
            return new SearchResult(counted.total(), items, counted.facets());
        } catch (SQLException e) {
            throw new DataAccessException("could not search items", e);
        }
    }

    /** The most names a text search lists for the name index; past it the text is tested on every row. */
    static final int NAMES_LISTED = 200;

    /**
     * How the text is matched: {@code names} the item names that hold it, to be fetched by the name
     * index; or {@code pattern} to test on every row, when the text is in so many names (over {@link
     * #NAMES_LISTED}, or a third of them or more: {@code most}) that reading every row is cheaper.
     */
    private record Text(List<String> names, String pattern, boolean most) {
        static final Text ANY = new Text(null, null, false);
        static final Text NONE = new Text(List.of(), null, false);
    }

    /** The text's match, from the few thousand distinct names in {@code item_names}. */
    private static Text text(Connection c, String q) throws SQLException {
        if (q == null || q.isBlank()) return Text.ANY;
        String pattern = "%" + like(q.toLowerCase(Locale.ROOT)) + "%";
        List<String> names = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT name_lower FROM item_names WHERE name_lower LIKE ? ESCAPE '!' ORDER BY name_lower LIMIT ?")) {
            ps.setString(1, pattern);
            ps.setInt(2, NAMES_LISTED + 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) names.add(rs.getString(1));
            }
        }
        if (names.isEmpty()) return Text.NONE;
        long matching = names.size() > NAMES_LISTED
                ? count(c, "SELECT COUNT(*) FROM item_names WHERE name_lower LIKE ? ESCAPE '!'", pattern)
                : names.size();
        boolean most = matching * 3 >= count(c, "SELECT COUNT(*) FROM item_names");
        return most || names.size() > NAMES_LISTED ? new Text(null, pattern, most) : new Text(names, null, false);
    }

    private static long count(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, List.of(params));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static Map<String, Map<String, Long>> noFacets() {
        Map<String, Map<String, Long>> facets = new LinkedHashMap<>();
        for (String facet : FACETS) facets.put(facet, Map.of());
        return facets;
    }

    /** What follows {@code FROM items i}: the conditions and their parameters. */
    private record Filter(String sql, List<Object> params) {}

    private static Filter filter(ItemSearch s, Text text) {
        List<String> and = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        if (text.names() != null) in(and, params, "i.name_lower", text.names());
        if (text.pattern() != null) {
            and.add("i.name_lower LIKE ? ESCAPE '!'");
            params.add(text.pattern());
        }
        in(and, params, "i.object_class", s.objectClasses());
        in(and, params, "i.material", s.materials());
        in(and, params, "i.armor_set", s.armorSets());
        in(and, params, "i.character_name", s.characters());
        List<String> all = lowered(s.spellsAll());
        if (!all.isEmpty()) {
            List<Object> values = new ArrayList<>(all);
            values.add(all.size());
            matching(
                    and,
                    params,
                    "item_spells s WHERE s.spell_lower IN (" + marks(all.size())
                            + ") GROUP BY s.character_name, s.item_id HAVING COUNT(*) = ?",
                    values);
        }
        List<String> any = lowered(s.spellsAny());
        if (!any.isEmpty())
            matching(
                    and,
                    params,
                    "item_spells s WHERE s.spell_lower IN (" + marks(any.size()) + ")",
                    new ArrayList<>(any));
        for (Map.Entry<String, Integer> r : s.minRatings().entrySet())
            matching(
                    and,
                    params,
                    "item_ratings s WHERE s.rating = ? AND s.rating_value >= ?",
                    List.of(r.getKey(), r.getValue()));
        at(and, params, "i.armor_level >= ?", s.minArmorLevel());
        at(and, params, "i.max_damage >= ?", s.minDamage());
        at(and, params, "i.tinks >= ?", s.tinksMin());
        at(and, params, "i.tinks <= ?", s.tinksMax());
        at(and, params, "i.workmanship >= ?", s.workmanshipMin());
        at(and, params, "i.workmanship <= ?", s.workmanshipMax());
        if (s.maxWield() != null) {
            and.add("(i.wield_requirement IS NULL OR i.wield_requirement <= ?)");
            params.add(s.maxWield());
        }
        at(and, params, "i.equipped = ?", s.equipped());
        return new Filter(and.isEmpty() ? "" : " WHERE " + String.join(" AND ", and), params);
    }

    /**
     * The items that have a spell or rating row matching {@code rows} ({@code <table> s WHERE ...}).
     * Asked twice: by item id alone, which H2 answers from the items' item-id index for just the
     * matches (a pair of columns it would only probe item by item, reading all of them: seconds
     * with a spell and an object class together), then by (character, item) to be exact should
     * the same item id be listed by two characters. PostgreSQL makes semi-joins of both.
     */
    private static void matching(List<String> and, List<Object> params, String rows, List<Object> values) {
        and.add("i.item_id IN (SELECT s.item_id FROM " + rows + ")");
        params.addAll(values);
        and.add("(i.character_name, i.item_id) IN (SELECT s.character_name, s.item_id FROM " + rows + ")");
        params.addAll(values);
    }

    /** Lower-cased and distinct: spell names compare case-insensitively, and a repeat must not double-count. */
    private static List<String> lowered(List<String> names) {
        return names.stream().map(n -> n.toLowerCase(Locale.ROOT)).distinct().toList();
    }

    private static void in(List<String> and, List<Object> params, String column, List<String> values) {
        if (values.isEmpty()) return;
        and.add(column + " IN (" + marks(values.size()) + ")");
        params.addAll(values);
    }

    private static void at(List<String> and, List<Object> params, String condition, Object value) {
        if (value == null) return;
        and.add(condition);
        params.add(value);
    }

    /** {@code text} with LIKE's wildcards and the escape character taken literally. */
    static String like(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    private static String marks(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    /**
     * The total and the facets in one pass over the matching rows: they are grouped by the three facet
     * columns together (a few thousand groups at most in practice), and the groups summed here.
     */
    private static Counted countAndFacets(Connection c, Filter filter) throws SQLException {
        Map<String, Map<String, Long>> facets = new LinkedHashMap<>();
        for (String facet : FACETS) facets.put(facet, new HashMap<>());
        long total = 0;
        String columns = String.join(", ", FACETS.stream().map(f -> "i." + f).toList());
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT " + columns + ", COUNT(*) FROM items i" + filter.sql() + " GROUP BY " + columns)) {
            bind(ps, filter.params());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long n = rs.getLong(FACETS.size() + 1);
                    total += n;
                    for (int f = 0; f < FACETS.size(); f++) {
                        String value = rs.getString(f + 1);
                        if (value != null) facets.get(FACETS.get(f)).merge(value, n, Long::sum);
                    }
                }
            }
        }
        Map<String, Map<String, Long>> sorted = new LinkedHashMap<>();
        facets.forEach((facet, counts) -> {
            Map<String, Long> byCount = new LinkedHashMap<>();
            counts.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue()
                            .reversed()
                            .thenComparing(Map.Entry.comparingByKey()))
                    .forEach(e -> byCount.put(e.getKey(), e.getValue()));
            sorted.put(facet, byCount);
        });
        return new Counted(total, sorted);
    }

    private record Counted(long total, Map<String, Map<String, Long>> facets) {}

    private static void bind(PreparedStatement ps, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) ps.setObject(i + 1, params.get(i));
    }

    /** The items {@code sql} selects (its columns are {@link #COLUMNS}), with their spells and ratings. */
    private static List<OwnedItem> read(Connection c, String sql, List<Object> params) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) rows.add(Row.of(rs));
            }
        }
        if (rows.isEmpty()) return List.of();
        Map<Key, List<String>> spells = new HashMap<>();
        Map<Key, Map<String, Integer>> ratings = new HashMap<>();
        for (int from = 0; from < rows.size(); from += 500) {
            List<Row> chunk = rows.subList(from, Math.min(rows.size(), from + 500));
            List<Object> ids = new ArrayList<>();
            for (Row r : chunk) ids.add(r.id);
            String in = " WHERE item_id IN (" + marks(ids.size()) + ")";
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT character_name, item_id, spell FROM item_spells" + in + " ORDER BY position")) {
                bind(ps, ids);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next())
                        spells.computeIfAbsent(new Key(rs.getString(1), rs.getLong(2)), k -> new ArrayList<>())
                                .add(rs.getString(3));
                }
            }
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT character_name, item_id, rating, rating_value FROM item_ratings" + in)) {
                bind(ps, ids);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next())
                        ratings.computeIfAbsent(new Key(rs.getString(1), rs.getLong(2)), k -> new LinkedHashMap<>())
                                .put(rs.getString(3), rs.getInt(4));
                }
            }
        }
        List<OwnedItem> items = new ArrayList<>(rows.size());
        for (Row r : rows) {
            Key k = new Key(r.character, r.id);
            items.add(new OwnedItem(
                    r.character, r.item(spells.getOrDefault(k, List.of()), ratings.getOrDefault(k, Map.of()))));
        }
        return items;
    }

    private record Key(String character, long id) {}

    /** One row of {@code items}, before its spells and ratings are read. */
    private record Row(String character, long id, Object[] v) {
        static Row of(ResultSet rs) throws SQLException {
            Object[] v = new Object[22];
            for (int i = 0; i < v.length; i++) v[i] = rs.getObject(i + 1);
            return new Row(rs.getString(1), rs.getLong(2), v);
        }

        Item item(List<String> spells, Map<String, Integer> ratings) {
            return new Item(
                    id,
                    (String) v[2],
                    (String) v[3],
                    ((Number) v[4]).longValue(),
                    (Boolean) v[5],
                    slots((String) v[6]),
                    slots((String) v[7]),
                    (String) v[8],
                    (String) v[9],
                    integer(v[10]),
                    integer(v[11]),
                    (String) v[12],
                    decimal(v[13]),
                    integer(v[14]),
                    (String) v[15],
                    spells,
                    ratings,
                    integer(v[16]),
                    decimal(v[17]),
                    integer(v[18]),
                    integer(v[19]),
                    ((Number) v[20]).intValue(),
                    integer(v[21]),
                    JsonNodeFactory.instance.objectNode());
        }
    }

    private static Integer integer(Object v) {
        return v == null ? null : ((Number) v).intValue();
    }

    private static Double decimal(Object v) {
        return v == null ? null : ((Number) v).doubleValue();
    }

    private static Set<Slot> slots(String text) {
        Set<Slot> slots = EnumSet.noneOf(Slot.class);
        if (text == null) return slots;
        for (String s : text.split(",")) {
            Slot slot = Slot.fromWire(s);
            if (slot != null) slots.add(slot);
        }
        return slots;
    }
}
