package dev.overlord.agent.sql;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.TimeKeyExpression;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.Statements;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.TableFunction;
import net.sf.jsqlparser.statement.select.WithItem;

/**
 * The first wall of {@code query_telemetry_db}: a query passes only if it is exactly one
 * {@code SELECT} (or {@code WITH ... SELECT}) that reads the telemetry and stats tables and calls
 * allowlisted functions.
 *
 * <p>The text is read first with PostgreSQL's lexical rules ({@link SqlText}); then JSqlParser
 * parses it and every object of the syntax tree is visited, whatever field holds it, so no
 * sub-select, CTE, set operation, join, expression or function call escapes the check: a node of a
 * kind not on {@link #NODES} is refused, every table must be a visible one or a CTE in scope, every
 * function must be on {@link #FUNCTIONS}. Names are compared in lower case with their quotes
 * removed. Refusals are {@link SqlRefused} whose message says why.
 */
public final class SqlGuard {

    /**
     * The tables the assistant may read: telemetry history, rares, kills and combat stats,
     * character stats, portals, spawns, inventories and items, the game server's status. Never the
     * journal, snapshots, projection offsets, users, sessions, plugin tokens, alerts and their
     * outbox, or audit tables. Migration V16 grants the read-only role SELECT on exactly these.
     */
    public static final Set<String> VISIBLE_TABLES = Set.of(
            "telemetry_events",
            "spawn_events",
            "rare_events",
            "rare_stats",
            "rare_stats_sessions",
            "char_stats",
            "combat_stats",
            "combat_stats_sessions",
            "character_stats",
            "character_xp_hours",
            "portals",
            "server_status",
            "inventories",
            "items",
            "item_combat_stats",
            "item_requirements",
            "item_enhancements",
            "item_ratings",
            "item_spells",
            "item_raw_data");

    /**
     * Functions a query may call: aggregates, window functions, arithmetic, text, date and time,
     * casts and JSON field access. None reads files or settings, sleeps, writes, opens connections,
     * runs a query given as text or makes a value of unbounded size ({@code repeat}, {@code lpad}).
     */
    public static final Set<String> FUNCTIONS = Set.of(
            // aggregates
            "count",
            "sum",
            "avg",
            "min",
            "max",
            "stddev",
            "stddev_pop",
            "stddev_samp",
            "variance",
            "var_pop",
            "var_samp",
            "bool_and",
            "bool_or",
            "every",
            "string_agg",
            "array_agg",
            "percentile_cont",
            "percentile_disc",
            "mode",
            "corr",
            "covar_pop",
            "covar_samp",
            "regr_slope",
            "regr_intercept",
            "regr_r2",
            "regr_count",
            "listagg",
            "median",
            // window
            "row_number",
            "rank",
            "dense_rank",
            "percent_rank",
            "cume_dist",
            "ntile",
            "lag",
            "lead",
            "first_value",
            "last_value",
            "nth_value",
            // conditional
            "coalesce",
            "nullif",
            "greatest",
            "least",
            "ifnull",
            "nvl",
            // math
            "abs",
            "ceil",
            "ceiling",
            "floor",
            "round",
            "trunc",
            "truncate",
            "sign",
            "sqrt",
            "cbrt",
            "power",
            "pow",
            "exp",
            "ln",
            "log",
            "log10",
            "mod",
            "div",
            "pi",
            "degrees",
            "radians",
            "sin",
            "cos",
            "tan",
            "asin",
            "acos",
            "atan",
            "atan2",
            "width_bucket",
            "random",
            // text
            "length",
            "char_length",
            "character_length",
            "octet_length",
            "lower",
            "upper",
            "initcap",
            "trim",
            "btrim",
            "ltrim",
            "rtrim",
            "substr",
            "substring",
            "left",
            "right",
            "replace",
            "concat",
            "concat_ws",
            "position",
            "strpos",
            "split_part",
            "reverse",
            "starts_with",
            "translate",
            "regexp_replace",
            "regexp_like",
            "md5",
            "to_hex",
            "format",
            "locate",
            // date and time
            "now",
            "date_trunc",
            "date_part",
            "age",
            "to_char",
            "to_timestamp",
            "to_date",
            "make_interval",
            "make_date",
            "make_time",
            "make_timestamp",
            "make_timestamptz",
            "date_bin",
            "justify_hours",
            "justify_days",
            "justify_interval",
            "clock_timestamp",
            "statement_timestamp",
            "transaction_timestamp",
            "timezone",
            "isfinite",
            "dateadd",
            "datediff",
            "extract",
            // casts and conversion
            "to_number",
            "cast",
            // JSON kept as text in the stats tables
            "json_extract_path_text",
            "jsonb_extract_path_text",
            "json_extract_path",
            "jsonb_extract_path",
            "json_typeof",
            "jsonb_typeof",
            "json_array_length",
            "jsonb_array_length",
            "json_array_elements",
            "jsonb_array_elements",
            "json_array_elements_text",
            "jsonb_array_elements_text",
            "json_each",
            "jsonb_each",
            "json_each_text",
            "jsonb_each_text",
            "json_object_keys",
            "jsonb_object_keys",
            // sets and arrays
            "generate_series",
            "unnest",
            "array_length",
            "cardinality",
            "array_to_string",
            // x = ANY (ARRAY[...]) is read as a call
            "any",
            "all");

    /** Kinds of syntax node a query may contain (JSqlParser's class names, package left out). */
    static final Set<String> NODES = Set.of(
            // statements and their parts
            "statement.select.PlainSelect",
            "statement.select.SetOperationList",
            "statement.select.UnionOp",
            "statement.select.IntersectOp",
            "statement.select.ExceptOp",
            "statement.select.MinusOp",
            "statement.select.ParenthesedSelect",
            "statement.select.ParenthesedFromItem",
            "statement.select.LateralSubSelect",
            "statement.select.WithItem",
            "statement.select.SelectItem",
            "statement.select.AllColumns",
            "statement.select.AllTableColumns",
            "statement.select.Join",
            "statement.select.Distinct",
            "statement.select.GroupByElement",
            "statement.select.OrderByElement",
            "statement.select.Limit",
            "statement.select.Offset",
            "statement.select.Fetch",
            "statement.select.Values",
            "statement.select.TableFunction",
            "schema.Table",
            "schema.Column",
            "expression.Alias",
            "expression.Alias$AliasColumn",
            // values
            "expression.LongValue",
            "expression.DoubleValue",
            "expression.StringValue",
            "expression.NullValue",
            "expression.BooleanValue",
            "expression.DateValue",
            "expression.TimeValue",
            "expression.TimestampValue",
            "expression.TimeKeyExpression",
            "expression.DateTimeLiteralExpression",
            "expression.IntervalExpression",
            "expression.HexValue",
            // operators
            "expression.operators.arithmetic.Addition",
            "expression.operators.arithmetic.Subtraction",
            "expression.operators.arithmetic.Multiplication",
            "expression.operators.arithmetic.Division",
            "expression.operators.arithmetic.IntegerDivision",
            "expression.operators.arithmetic.Modulo",
            "expression.operators.arithmetic.Concat",
            "expression.operators.conditional.AndExpression",
            "expression.operators.conditional.OrExpression",
            "expression.operators.conditional.XorExpression",
            "expression.operators.relational.EqualsTo",
            "expression.operators.relational.NotEqualsTo",
            "expression.operators.relational.GreaterThan",
            "expression.operators.relational.GreaterThanEquals",
            "expression.operators.relational.MinorThan",
            "expression.operators.relational.MinorThanEquals",
            "expression.operators.relational.Between",
            "expression.operators.relational.InExpression",
            "expression.operators.relational.IsNullExpression",
            "expression.operators.relational.IsBooleanExpression",
            "expression.operators.relational.IsDistinctExpression",
            "expression.operators.relational.LikeExpression",
            "expression.operators.relational.SimilarToExpression",
            "expression.operators.relational.RegExpMatchOperator",
            "expression.operators.relational.ExistsExpression",
            "expression.operators.relational.ExpressionList",
            "expression.operators.relational.ParenthesedExpressionList",
            "expression.NotExpression",
            "expression.SignedExpression",
            "expression.CaseExpression",
            "expression.WhenClause",
            "expression.CastExpression",
            "expression.ExtractExpression",
            "expression.TimezoneExpression",
            "expression.AnyComparisonExpression",
            "expression.JsonExpression",
            "expression.ArrayConstructor",
            "expression.ArrayExpression",
            "expression.TrimFunction",
            "expression.RangeExpression",
            "expression.Function",
            "expression.AnalyticExpression",
            "expression.WindowDefinition",
            "expression.WindowElement",
            "expression.WindowOffset",
            "expression.WindowRange",
            "expression.OrderByClause",
            "expression.PartitionByClause",
            "expression.FilterOverImpl",
            "statement.create.table.ColDataType");

    /** What {@code CURRENT_...} keywords may name. */
    private static final Set<String> TIME_KEYS =
            Set.of("current_timestamp", "current_date", "current_time", "localtime", "localtimestamp");

    private static final String PARSER_PACKAGE = "net.sf.jsqlparser.";

    private static final Map<Class<?>, List<Field>> FIELDS = new ConcurrentHashMap<>();

    private final int maxChars;

    /** A guard refusing queries longer than {@code maxChars} characters before parsing them. */
    public SqlGuard(int maxChars) {
        if (maxChars < 1) {
            throw new IllegalArgumentException("maxChars must be positive");
        }
        this.maxChars = maxChars;
    }

    /**
     * Checks {@code sql} and returns the text to run: the same query without comments or a trailing
     * semicolon.
     *
     * @throws SqlRefused when the query is refused; the message says why
     */
    public String check(String sql) {
        String text = SqlText.normalize(sql, maxChars);
        Statements statements;
        try {
            statements = CCJSqlParserUtil.parseStatements(text, parser -> parser.withTimeOut(2000));
        } catch (JSQLParserException | RuntimeException e) {
            throw new SqlRefused("the query could not be read as one SELECT: " + firstLine(e));
        }
        if (statements == null || statements.size() != 1) {
            throw new SqlRefused("only one statement is allowed");
        }
        Statement statement = statements.get(0);
        if (!(statement instanceof Select select)) {
            throw new SqlRefused("only SELECT is allowed, not " + kind(statement));
        }
        new Walk().visit(select, Set.of());
        return text;
    }

    private static String kind(Statement statement) {
        String name = statement.getClass().getSimpleName();
        return name.isEmpty() ? "this statement" : name.toUpperCase(Locale.ROOT);
    }

    private static String firstLine(Exception e) {
        Throwable t = e.getCause() != null ? e.getCause() : e;
        String m = String.valueOf(t.getMessage());
        int nl = m.indexOf('\n');
        m = nl < 0 ? m : m.substring(0, nl);
        return m.length() > 200 ? m.substring(0, 200) + "..." : m;
    }

    /** A name as the database would compare it: quotes removed, lower case. */
    static String plain(String name) {
        String n = name.strip();
        if (n.length() >= 2 && ((n.startsWith("\"") && n.endsWith("\"")) || (n.startsWith("`") && n.endsWith("`")))) {
            n = n.substring(1, n.length() - 1);
        }
        return n.toLowerCase(Locale.ROOT);
    }

    /** One walk over one syntax tree; CTE names in scope travel down with it. */
    private static final class Walk {
        private final Set<Object> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());

        void visit(Object node, Set<String> ctes) {
            if (node == null || !seen.add(node)) {
                return;
            }
            switch (node) {
                case Collection<?> items -> {
                    for (Object item : items) {
                        visit(item, ctes);
                    }
                    return;
                }
                case Object[] items -> {
                    for (Object item : items) {
                        visit(item, ctes);
                    }
                    return;
                }
                case Map<?, ?> map -> {
                    for (Map.Entry<?, ?> e : map.entrySet()) {
                        visit(e.getKey(), ctes);
                        visit(e.getValue(), ctes);
                    }
                    return;
                }
                default -> {}
            }
            Class<?> type = node.getClass();
            if (type.isEnum() || !type.getName().startsWith(PARSER_PACKAGE)) {
                return; // flags and plain values (strings, numbers); nodes are all in the parser's packages
            }
            if (type.getName().startsWith(PARSER_PACKAGE + "parser.")) {
                return; // the parser's own token tree, not the query
            }
            String kind = type.getName().substring(PARSER_PACKAGE.length());
            if (!NODES.contains(kind)) {
                throw new SqlRefused(type.getSimpleName() + " is not allowed in a query");
            }
            Set<String> scope = ctes;
            switch (node) {
                case Select select -> scope = checkSelect(select, ctes);
                case Table table -> checkTable(table, ctes);
                case TableFunction from -> {
                    if (from.getPrefix() != null && !plain(from.getPrefix()).equals("lateral")) {
                        throw new SqlRefused(from.getPrefix() + " is not allowed");
                    }
                }
                case Function function -> checkFunction(function.getMultipartName(), function.getName());
                case AnalyticExpression analytic -> checkFunction(List.of(analytic.getName()), analytic.getName());
                case TimeKeyExpression key -> {
                    if (!TIME_KEYS.contains(plain(key.getStringValue()))) {
                        throw new SqlRefused(key.getStringValue() + " is not allowed");
                    }
                }
                case Column column -> {
                    return; // its table part is a qualifier, not a table read; its name is a plain value
                }
                case AllTableColumns columns -> {
                    return;
                }
                default -> {}
            }
            for (Field f : fields(type)) {
                if (node instanceof Select && f.getName().equals("withItemsList")) {
                    continue; // visited by checkSelect with the right scopes
                }
                Object value;
                try {
                    value = f.get(node);
                } catch (IllegalAccessException e) {
                    throw new SqlRefused("the query could not be checked");
                }
                visit(value, scope);
            }
        }

        /** Refuses what makes a SELECT write or lock; visits its CTEs; returns the scope of its body. */
        private Set<String> checkSelect(Select select, Set<String> outer) {
            if (select.getForMode() != null || select.getForUpdateTable() != null) {
                throw new SqlRefused("FOR UPDATE/SHARE is not allowed");
            }
            if (select.getForClause() != null) {
                throw new SqlRefused("FOR clauses are not allowed");
            }
            if (select.getIsolation() != null) {
                throw new SqlRefused("WITH isolation clauses are not allowed");
            }
            if (select instanceof PlainSelect plain) {
                if ((plain.getIntoTables() != null && !plain.getIntoTables().isEmpty())
                        || plain.getIntoTempTable() != null) {
                    throw new SqlRefused("SELECT INTO is not allowed");
                }
                if (plain.getForXmlPath() != null) {
                    throw new SqlRefused("FOR XML is not allowed");
                }
            }
            List<WithItem<?>> with = select.getWithItemsList();
            if (with == null || with.isEmpty()) {
                return outer;
            }
            boolean recursive = with.stream().anyMatch(WithItem::isRecursive);
            List<String> names = new ArrayList<>();
            for (WithItem<?> item : with) {
                if (item.getAlias() == null) {
                    throw new SqlRefused("a CTE needs a name");
                }
                names.add(plain(item.getAlias().getName()));
            }
            for (int i = 0; i < with.size(); i++) {
                WithItem<?> item = with.get(i);
                if (!(item.getParenthesedStatement() instanceof ParenthesedSelect)) {
                    throw new SqlRefused("data-modifying CTEs are not allowed (WITH " + names.get(i) + ")");
                }
                // Without RECURSIVE a CTE sees only the ones before it; a later name would be a real table.
                Set<String> scope = new HashSet<>(outer);
                scope.addAll(recursive ? names : names.subList(0, i));
                seen.add(item);
                visit(item.getParenthesedStatement(), Set.copyOf(scope));
                visit(item.getWithItemList(), Set.copyOf(scope));
            }
            Set<String> body = new HashSet<>(outer);
            body.addAll(names);
            return Set.copyOf(body);
        }

        private static void checkTable(Table table, Set<String> ctes) {
            List<String> parts = table.getFullyQualifiedName().isEmpty() ? List.of() : partsOf(table);
            if (parts.isEmpty()) {
                throw new SqlRefused("a table without a name is not allowed");
            }
            String name = plain(parts.get(parts.size() - 1));
            if (parts.size() > 1) {
                String schema = plain(parts.get(parts.size() - 2));
                if (parts.size() > 2 || !schema.equals("public")) {
                    throw new SqlRefused("schema " + schema + " is not visible");
                }
                if (!VISIBLE_TABLES.contains(name)) {
                    throw new SqlRefused("table " + name + " is not visible");
                }
                return;
            }
            if (!VISIBLE_TABLES.contains(name) && !ctes.contains(name)) {
                throw new SqlRefused("table " + name + " is not visible");
            }
        }

        private static List<String> partsOf(Table table) {
            List<String> parts = new ArrayList<>();
            for (String p : table.getNameParts()) {
                if (p != null && !p.isBlank()) {
                    parts.add(0, p);
                }
            }
            return parts;
        }

        private static void checkFunction(List<String> multipart, String name) {
            if (name == null) {
                throw new SqlRefused("a function without a name is not allowed");
            }
            if (multipart != null && multipart.size() > 1) {
                throw new SqlRefused("function " + plain(String.join(".", multipart)) + " is not allowed");
            }
            String plain = plain(name);
            if (!FUNCTIONS.contains(plain)) {
                throw new SqlRefused("function " + plain + " is not allowed");
            }
        }

        private static List<Field> fields(Class<?> type) {
            return FIELDS.computeIfAbsent(type, t -> {
                List<Field> all = new ArrayList<>();
                for (Class<?> c = t; c != null && c != Object.class; c = c.getSuperclass()) {
                    for (Field f : c.getDeclaredFields()) {
                        if (Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive()) {
                            continue;
                        }
                        f.setAccessible(true);
                        all.add(f);
                    }
                }
                return List.copyOf(all);
            });
        }
    }
}
