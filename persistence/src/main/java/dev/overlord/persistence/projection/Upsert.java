package dev.overlord.persistence.projection;

import dev.overlord.persistence.Vendor;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One insert-or-update statement written once and rendered per vendor: {@code INSERT ... ON
 * CONFLICT} on PostgreSQL, {@code MERGE ... USING} on H2 (which has no ON CONFLICT). Both are
 * single statements, so two projection instances writing the same key do not race into a
 * duplicate-key error. Parameters are the inserted values, in the order the columns were named.
 */
public final class Upsert {

    private record Column(String name, String type) {}

    private final String table;
    private final List<Column> keys = new ArrayList<>();
    private final List<Column> columns = new ArrayList<>();
    private final List<String> replaced = new ArrayList<>();
    private final List<String> added = new ArrayList<>();
    private final List<String> computed = new ArrayList<>();
    private String newerColumn;

    private Upsert(String table) {
        this.table = table;
    }

    public static Upsert into(String table) {
        return new Upsert(table);
    }

    /** A key column; {@code type} is its SQL type, which H2 needs to type the parameter. */
    public Upsert key(String column, String type) {
        Column c = new Column(column, type);
        keys.add(c);
        columns.add(c);
        return this;
    }

    /** An inserted column that an existing row keeps unless told otherwise. */
    public Upsert value(String column, String type) {
        columns.add(new Column(column, type));
        return this;
    }

    /** On an existing row these columns take the new values. */
    public Upsert replace(String... column) {
        replaced.addAll(List.of(column));
        return this;
    }

    /** On an existing row the new value is added to this column. */
    public Upsert add(String column) {
        added.add(column);
        return this;
    }

    /**
     * On an existing row {@code column} becomes {@code expression}, in which {@code t} is the existing
     * row and {@code %1$s} names the incoming one (e.g. {@code LEAST(t.x, %1$s.x)}).
     */
    public Upsert set(String column, String expression) {
        computed.add(column + " = " + expression);
        return this;
    }

    /** An existing row is only updated when its {@code column} is older than the new value. */
    public Upsert whenNewer(String column) {
        newerColumn = column;
        return this;
    }

    /**
     * The statement for {@code vendor}. With nothing to replace, add or set, an existing row is left
     * as it is (insert if absent), and the update count says whether a row was inserted.
     */
    public String sql(Vendor vendor) {
        return switch (vendor) {
            case POSTGRESQL -> postgres();
            case H2 -> h2();
        };
    }

    private String postgres() {
        String names = names(columns, "");
        String params = columns.stream().map(c -> "?").collect(Collectors.joining(", "));
        String insert = "INSERT INTO " + table + " AS t (" + names + ") VALUES (" + params + ")" + " ON CONFLICT ("
                + names(keys, "") + ")";
        if (assignments("EXCLUDED").isEmpty()) return insert + " DO NOTHING";
        String sql = insert + " DO UPDATE SET " + assignments("EXCLUDED");
        return newerColumn == null ? sql : sql + " WHERE t." + newerColumn + " < EXCLUDED." + newerColumn;
    }

    private String h2() {
        String casts = columns.stream().map(c -> "CAST(? AS " + c.type() + ")").collect(Collectors.joining(", "));
        String on = keys.stream().map(k -> "t." + k.name() + " = s." + k.name()).collect(Collectors.joining(" AND "));
        String when = newerColumn == null ? "" : " AND t." + newerColumn + " < s." + newerColumn;
        String matched =
                assignments("s").isEmpty() ? "" : " WHEN MATCHED" + when + " THEN UPDATE SET " + assignments("s");
        return "MERGE INTO " + table + " AS t USING (VALUES (" + casts + ")) AS s (" + names(columns, "") + ")"
                + " ON " + on
                + matched
                + " WHEN NOT MATCHED THEN INSERT (" + names(columns, "") + ") VALUES (" + names(columns, "s.") + ")";
    }

    private String assignments(String incoming) {
        List<String> set = new ArrayList<>();
        for (String c : replaced) set.add(c + " = " + incoming + "." + c);
        for (String c : added) set.add(c + " = t." + c + " + " + incoming + "." + c);
        for (String c : computed) set.add(String.format(c, incoming));
        return String.join(", ", set);
    }

    private static String names(List<Column> columns, String prefix) {
        return columns.stream().map(c -> prefix + c.name()).collect(Collectors.joining(", "));
    }
}
