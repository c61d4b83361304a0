package dev.overlord.agent.sql;

/**
 * The first pass of the guard: reads the text with PostgreSQL's lexical rules (strings, quoted
 * identifiers, line and nested block comments, dollar quoting) before any parser sees it, so the
 * parser and the database cannot disagree about where a string or a comment ends.
 *
 * <p>Comments become spaces and one trailing semicolon is dropped; the text that comes out is both
 * what the parser checks and what the database runs. Constructs whose reading differs between
 * PostgreSQL, H2 and the parser are refused rather than interpreted: dollar-quoted strings,
 * {@code E'...'} and {@code U&'...'} strings, backslashes in strings, nested comments and a
 * semicolon anywhere but at the end.
 */
final class SqlText {
    private SqlText() {}

    /** The query without comments or a trailing semicolon; throws {@link SqlRefused} as above. */
    static String normalize(String sql, int maxChars) {
        if (sql == null || sql.isBlank()) {
            throw new SqlRefused("the query is empty");
        }
        if (sql.length() > maxChars) {
            throw new SqlRefused("the query is longer than " + maxChars + " characters");
        }
        StringBuilder out = new StringBuilder(sql.length());
        int n = sql.length();
        int i = 0;
        boolean sawSemicolon = false;
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\0') {
                throw new SqlRefused("the query contains a NUL character");
            }
            if (sawSemicolon && !Character.isWhitespace(c) && !startsComment(sql, i)) {
                throw new SqlRefused("only one statement is allowed");
            }
            if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
                out.append(' ');
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                if (end < 0) {
                    throw new SqlRefused("a comment is not closed");
                }
                if (sql.substring(i + 2, end).contains("/*")) {
                    throw new SqlRefused("nested comments are not allowed");
                }
                i = end + 2;
                out.append(' ');
            } else if (c == '\'') {
                if (i > 0 && (prefixIs(sql, i, 'e') || prefixIs(sql, i, 'E'))) {
                    throw new SqlRefused("E'...' strings are not allowed");
                }
                if (i > 1 && sql.charAt(i - 1) == '&' && (sql.charAt(i - 2) == 'u' || sql.charAt(i - 2) == 'U')) {
                    throw new SqlRefused("U&'...' strings are not allowed");
                }
                int end = closing(sql, i, '\'');
                String body = sql.substring(i, end + 1);
                if (body.indexOf('\\') >= 0) {
                    throw new SqlRefused("a backslash in a string is not allowed");
                }
                out.append(body);
                i = end + 1;
            } else if (c == '"') {
                if (i > 1 && sql.charAt(i - 1) == '&' && (sql.charAt(i - 2) == 'u' || sql.charAt(i - 2) == 'U')) {
                    throw new SqlRefused("U&\"...\" identifiers are not allowed");
                }
                int end = closing(sql, i, '"');
                out.append(sql, i, end + 1);
                i = end + 1;
            } else if (c == '$' && !(i > 0 && isIdentifierChar(sql.charAt(i - 1)))) {
                throw new SqlRefused(
                        dollarTag(sql, i) > 0
                                ? "dollar-quoted strings are not allowed"
                                : "'$' is allowed only inside names and strings");
            } else if (c == ';') {
                sawSemicolon = true;
                i++;
            } else {
                out.append(c);
                i++;
            }
        }
        String result = out.toString().strip();
        if (result.isEmpty()) {
            throw new SqlRefused("the query is empty");
        }
        return result;
    }

    private static boolean startsComment(String sql, int i) {
        return i + 1 < sql.length()
                && ((sql.charAt(i) == '-' && sql.charAt(i + 1) == '-')
                        || (sql.charAt(i) == '/' && sql.charAt(i + 1) == '*'));
    }

    /** Whether the quote at {@code i} follows the letter {@code p} that is not part of a longer word. */
    private static boolean prefixIs(String sql, int i, char p) {
        if (sql.charAt(i - 1) != p) {
            return false;
        }
        return i < 2 || !isIdentifierChar(sql.charAt(i - 2));
    }

    private static boolean isIdentifierChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    /** The index of the quote closing the one at {@code start}; a doubled quote is part of the text. */
    private static int closing(String sql, int start, char quote) {
        int i = start + 1;
        while (i < sql.length()) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i;
            }
            i++;
        }
        throw new SqlRefused(quote == '\'' ? "a string is not closed" : "a quoted name is not closed");
    }

    /**
     * The length of a dollar-quote tag ({@code $$} or {@code $tag$}) starting at {@code i}, or 0
     * ({@code $1} is a parameter, not a tag). Only called for a {@code $} that does not continue a
     * name (PostgreSQL allows {@code $} inside names).
     */
    private static int dollarTag(String sql, int i) {
        int j = i + 1;
        if (j < sql.length() && Character.isDigit(sql.charAt(j))) {
            return 0;
        }
        while (j < sql.length() && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_')) {
            j++;
        }
        return j < sql.length() && sql.charAt(j) == '$' ? j - i + 1 : 0;
    }
}
