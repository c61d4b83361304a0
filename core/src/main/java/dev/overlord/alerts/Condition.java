package dev.overlord.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The condition of an alert rule on a frame's fields, parsed once from configuration.
 *
 * <p>The language: comparisons {@code field < 30}, {@code <=}, {@code >}, {@code >=}, {@code ==},
 * {@code !=}; {@code field contains 'text'} (a substring, any case); {@code field matches 'regex'}
 * (found anywhere in the first {@value #MATCH_INPUT_LIMIT} characters; anchor with {@code ^} and
 * {@code $}); {@code field exists}; combined with {@code and}, {@code or}, {@code not} and
 * parentheses ({@code not} binds tightest, then {@code and}, then {@code or}). A field is a
 * top-level field of the frame or a dotted path into its objects ({@code allegiance.rank}, an array
 * index as a segment). The right-hand side is a number, a quoted string ({@code 'x'} or {@code "x"},
 * backslash escapes the quote) or {@code true}/{@code false}. When both sides read as numbers
 * (numbers sent as strings included) they compare as numbers, otherwise as strings. A field that is
 * absent, null, an object or an array makes every comparison false; {@code exists} is true for any
 * value but null.
 */
public sealed interface Condition {

    /** Characters of a field a {@code matches} looks at. */
    int MATCH_INPUT_LIMIT = 4_096;
    /** Characters of a field a {@code contains} looks at. */
    int CONTAINS_INPUT_LIMIT = 65_536;
    /** The longest condition accepted from configuration. */
    int MAX_SOURCE_LENGTH = 2_048;
    /** How deep parentheses and {@code not}s may nest. */
    int MAX_DEPTH = 32;
    /** Character reads one {@code matches} may make before it counts as no match (runaway regexes). */
    long MATCH_STEP_LIMIT = 1_000_000;

    /** Whether the frame's tree satisfies this condition; never throws. */
    boolean test(JsonNode frame);

    /** The fields this condition reads. */
    default Set<String> fields() {
        Set<String> out = new LinkedHashSet<>();
        collect(this, out);
        return out;
    }

    private static void collect(Condition c, Set<String> out) {
        switch (c) {
            case And a -> a.parts().forEach(p -> collect(p, out));
            case Or o -> o.parts().forEach(p -> collect(p, out));
            case Not n -> collect(n.inner(), out);
            case Exists e -> out.add(e.field());
            case Compare cmp -> out.add(cmp.field());
            case Contains con -> out.add(con.field());
            case Matches m -> out.add(m.field());
            case Always ignored -> {}
        }
    }

    /** Parses a condition; a blank one is always true. */
    static Condition parse(String source) {
        if (source == null || source.isBlank()) return new Always();
        if (source.length() > MAX_SOURCE_LENGTH) {
            throw new IllegalArgumentException(
                    "the condition has " + source.length() + " characters, at most " + MAX_SOURCE_LENGTH);
        }
        return new ConditionParser(source).parse();
    }

    /** True for every frame (a rule with no {@code when}). */
    record Always() implements Condition {
        @Override
        public boolean test(JsonNode frame) {
            return true;
        }
    }

    record And(List<Condition> parts) implements Condition {
        public And {
            parts = List.copyOf(parts);
        }

        @Override
        public boolean test(JsonNode frame) {
            for (Condition p : parts) if (!p.test(frame)) return false;
            return true;
        }
    }

    record Or(List<Condition> parts) implements Condition {
        public Or {
            parts = List.copyOf(parts);
        }

        @Override
        public boolean test(JsonNode frame) {
            for (Condition p : parts) if (p.test(frame)) return true;
            return false;
        }
    }

    record Not(Condition inner) implements Condition {
        @Override
        public boolean test(JsonNode frame) {
            return !inner.test(frame);
        }
    }

    record Exists(String field) implements Condition {
        @Override
        public boolean test(JsonNode frame) {
            return FieldPath.find(frame, field) != null;
        }
    }

    /** The comparison operators. */
    enum Op {
        LT("<"),
        LE("<="),
        GT(">"),
        GE(">="),
        EQ("=="),
        NE("!=");

        final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        boolean holds(int cmp) {
            return switch (this) {
                case LT -> cmp < 0;
                case LE -> cmp <= 0;
                case GT -> cmp > 0;
                case GE -> cmp >= 0;
                case EQ -> cmp == 0;
                case NE -> cmp != 0;
            };
        }
    }

    /** @param number the literal as a number, null when it is not one */
    record Compare(String field, Op op, String literal, Double number) implements Condition {
        @Override
        public boolean test(JsonNode frame) {
            JsonNode v = FieldPath.find(frame, field);
            if (v == null || !v.isValueNode()) return false;
            if (number != null) {
                Double n = FieldPath.number(v);
                if (n != null) return op.holds(Double.compare(n, number));
            }
            return op.holds(Integer.signum(v.asText().compareTo(literal)));
        }
    }

    /** @param lowered the text to find, lower-cased */
    record Contains(String field, String lowered) implements Condition {
        @Override
        public boolean test(JsonNode frame) {
            JsonNode v = FieldPath.find(frame, field);
            if (v == null || !v.isValueNode()) return false;
            String text = v.asText();
            if (text.length() > CONTAINS_INPUT_LIMIT) text = text.substring(0, CONTAINS_INPUT_LIMIT);
            return text.toLowerCase(Locale.ROOT).contains(lowered);
        }
    }

    record Matches(String field, Pattern pattern) implements Condition {
        @Override
        public boolean test(JsonNode frame) {
            JsonNode v = FieldPath.find(frame, field);
            if (v == null || !v.isValueNode()) return false;
            String text = v.asText();
            if (text.length() > MATCH_INPUT_LIMIT) text = text.substring(0, MATCH_INPUT_LIMIT);
            try {
                return pattern.matcher(new StepLimitedText(text, MATCH_STEP_LIMIT))
                        .find();
            } catch (StepLimitedText.TooManySteps e) {
                return false; // a regex that backtracks without end matches nothing
            }
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Matches m
                    && m.field.equals(field)
                    && m.pattern.pattern().equals(pattern.pattern());
        }

        @Override
        public int hashCode() {
            return field.hashCode() * 31 + pattern.pattern().hashCode();
        }
    }
}

/** Reads a condition: a recursive descent over a small token list. */
final class ConditionParser {
    private enum Kind {
        NAME,
        NUMBER,
        STRING,
        OP,
        OPEN,
        CLOSE
    }

    private record Token(Kind kind, String text, int at) {}

    private static final Pattern PATH = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z0-9_]+)*");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "not", "contains", "matches", "exists");

    private final String source;
    private final List<Token> tokens;
    private int next;
    private int depth;

    ConditionParser(String source) {
        this.source = source;
        this.tokens = tokenize(source);
    }

    Condition parse() {
        Condition c = or();
        if (next < tokens.size()) throw error(tokens.get(next), "expected 'and', 'or' or the end");
        return c;
    }

    private Condition or() {
        List<Condition> parts = new ArrayList<>(List.of(and()));
        while (keyword("or")) parts.add(and());
        return parts.size() == 1 ? parts.getFirst() : new Condition.Or(parts);
    }

    private Condition and() {
        List<Condition> parts = new ArrayList<>(List.of(unary()));
        while (keyword("and")) parts.add(unary());
        return parts.size() == 1 ? parts.getFirst() : new Condition.And(parts);
    }

    private Condition unary() {
        if (++depth > Condition.MAX_DEPTH) {
            throw new IllegalArgumentException("the condition nests deeper than " + Condition.MAX_DEPTH + " levels");
        }
        try {
            if (keyword("not")) return new Condition.Not(unary());
            Token t = take("a field, 'not' or '('");
            if (t.kind() == Kind.OPEN) {
                Condition inner = or();
                Token close = take("')'");
                if (close.kind() != Kind.CLOSE) throw error(close, "expected ')'");
                return inner;
            }
            if (t.kind() != Kind.NAME || KEYWORDS.contains(lower(t))) throw error(t, "expected a field name");
            if (!PATH.matcher(t.text()).matches()) throw error(t, "not a field name or dotted path");
            return predicate(t.text());
        } finally {
            depth--;
        }
    }

    private Condition predicate(String field) {
        Token t = take("an operator after '" + field + "'");
        if (t.kind() == Kind.NAME) {
            return switch (lower(t)) {
                case "exists" -> new Condition.Exists(field);
                case "contains" ->
                    new Condition.Contains(field, literal(t).text().toLowerCase(java.util.Locale.ROOT));
                case "matches" -> {
                    Token re = literal(t);
                    try {
                        yield new Condition.Matches(field, Pattern.compile(re.text()));
                    } catch (PatternSyntaxException e) {
                        throw error(re, "bad regular expression: " + e.getDescription());
                    }
                }
                default -> throw error(t, "unknown operator '" + t.text() + "'");
            };
        }
        if (t.kind() != Kind.OP) throw error(t, "expected an operator after '" + field + "'");
        Condition.Op op = switch (t.text()) {
            case "<" -> Condition.Op.LT;
            case "<=" -> Condition.Op.LE;
            case ">" -> Condition.Op.GT;
            case ">=" -> Condition.Op.GE;
            case "==" -> Condition.Op.EQ;
            case "!=" -> Condition.Op.NE;
            default -> throw error(t, "unknown operator '" + t.text() + "'");
        };
        Token v = literal(t);
        Double number = v.kind() == Kind.NUMBER ? Double.parseDouble(v.text()) : null;
        if (number != null && !Double.isFinite(number)) throw error(v, "number out of range");
        return new Condition.Compare(field, op, v.text(), number);
    }

    /** A number, a quoted string or true/false after {@code op}. */
    private Token literal(Token op) {
        Token v = take("a value after '" + op.text() + "'");
        return switch (v.kind()) {
            case NUMBER, STRING -> v;
            case NAME -> {
                String w = lower(v);
                if (w.equals("true") || w.equals("false")) yield new Token(Kind.STRING, w, v.at());
                throw error(
                        v,
                        "expected a number or a quoted string after '" + op.text() + "' (quote text: '" + v.text()
                                + "')");
            }
            default -> throw error(v, "expected a number or a quoted string after '" + op.text() + "'");
        };
    }

    private boolean keyword(String word) {
        if (next < tokens.size()
                && tokens.get(next).kind() == Kind.NAME
                && lower(tokens.get(next)).equals(word)) {
            next++;
            return true;
        }
        return false;
    }

    private Token take(String expected) {
        if (next >= tokens.size()) {
            throw new IllegalArgumentException("the condition ends where " + expected + " was expected");
        }
        return tokens.get(next++);
    }

    private static String lower(Token t) {
        return t.text().toLowerCase(java.util.Locale.ROOT);
    }

    private IllegalArgumentException error(Token t, String why) {
        return new IllegalArgumentException("condition position " + t.at() + ": " + why);
    }

    private static List<Token> tokenize(String s) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(' || c == ')') {
                out.add(new Token(c == '(' ? Kind.OPEN : Kind.CLOSE, String.valueOf(c), i));
                i++;
            } else if (c == '\'' || c == '"') {
                StringBuilder b = new StringBuilder();
                int j = i + 1;
                while (j < s.length() && s.charAt(j) != c) {
                    if (s.charAt(j) == '\\' && j + 1 < s.length()) j++;
                    b.append(s.charAt(j++));
                }
                if (j >= s.length()) throw new IllegalArgumentException("condition position " + i + ": unclosed quote");
                out.add(new Token(Kind.STRING, b.toString(), i));
                i = j + 1;
            } else if ("<>=!".indexOf(c) >= 0) {
                int j = i + 1;
                while (j < s.length() && "<>=!".indexOf(s.charAt(j)) >= 0) j++;
                out.add(new Token(Kind.OP, s.substring(i, j), i));
                i = j;
            } else if (c == '-' || Character.isDigit(c)) {
                var m = NUMBER.matcher(s).region(i, s.length());
                if (!m.lookingAt()) throw new IllegalArgumentException("condition position " + i + ": not a number");
                out.add(new Token(Kind.NUMBER, m.group(), i));
                i = m.end();
            } else if (Character.isLetter(c) || c == '_') {
                int j = i + 1;
                while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || "_.".indexOf(s.charAt(j)) >= 0))
                    j++;
                out.add(new Token(Kind.NAME, s.substring(i, j), i));
                i = j;
            } else {
                throw new IllegalArgumentException("condition position " + i + ": unexpected '" + c + "'");
            }
        }
        return out;
    }
}

/** Text that stops a regex after a number of character reads. */
final class StepLimitedText implements CharSequence {
    static final class TooManySteps extends RuntimeException {
        TooManySteps() {
            super("too many steps", null, false, false);
        }
    }

    private final String text;
    private final long[] steps;
    private final long limit;

    StepLimitedText(String text, long limit) {
        this(text, new long[1], limit);
    }

    private StepLimitedText(String text, long[] steps, long limit) {
        this.text = text;
        this.steps = steps;
        this.limit = limit;
    }

    @Override
    public char charAt(int index) {
        if (++steps[0] > limit) throw new TooManySteps();
        return text.charAt(index);
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new StepLimitedText(text.substring(start, end), steps, limit);
    }

    @Override
    public String toString() {
        return text;
    }
}
