package dev.overlord.alerts;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A message template read from configuration, parsed once at start-up and rendered for every alert.
 *
 * <p>{@code {name}} is replaced by the value of {@code name}; a name is letters, digits and
 * underscores, starting with a letter or underscore, and may be a dotted path
 * ({@code {attributes.strength.base}}). A brace that does not start such a placeholder is kept as is,
 * so a JSON body like {@code {"content":"{message}"}} needs no escaping; {@code {{} writes a literal
 * brace where one would otherwise start a placeholder ({@code {{name}} renders {@code {name}}). A
 * placeholder left open ({@code {name} without its closing brace) is a parse error.
 *
 * <p>Rendering never fails: a name without a value renders as the configured {@code missing} text
 * (empty by default), and the output is bounded, cut at a code point with an ellipsis in text and by
 * a budget of substituted characters in JSON (cutting a JSON body would break it).
 */
public final class Template {

    /** The longest template accepted from configuration. */
    public static final int MAX_SOURCE_LENGTH = 8_192;
    /** The longest text {@link #render} returns: Discord's embed description limit. */
    public static final int DEFAULT_MAX_TEXT = 4_096;
    /** Characters of values {@link #renderJson} substitutes in all (before escaping). */
    public static final int DEFAULT_JSON_VALUE_BUDGET = 4_096;

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z0-9_]+)*");
    private static final JsonFactory JSON = new JsonFactory();

    /** A piece of a parsed template. */
    private sealed interface Part {}

    private record Literal(String text) implements Part {}

    /** @param inString for a JSON template, whether the placeholder sits inside a string literal */
    private record Placeholder(String name, boolean inString) implements Part {}

    private final String source;
    private final List<Part> parts;
    private final Set<String> names;
    private final boolean json;
    private final String missing;
    private final int maxText;

    private Template(String source, List<Part> parts, boolean json, String missing, int maxText) {
        this.source = source;
        this.parts = List.copyOf(parts);
        this.json = json;
        this.missing = missing;
        this.maxText = maxText;
        Set<String> n = new LinkedHashSet<>();
        for (Part p : parts) if (p instanceof Placeholder ph) n.add(ph.name());
        this.names = Set.copyOf(n);
    }

    /** A text template with the defaults: empty for a missing name, at most 4,096 characters out. */
    public static Template parse(String source) {
        return parse(source, "", DEFAULT_MAX_TEXT);
    }

    /**
     * A text template.
     *
     * @param missing rendered for a name without a value
     * @param maxText the longest output, at least 16
     * @throws IllegalArgumentException with the position of the problem
     */
    public static Template parse(String source, String missing, int maxText) {
        if (maxText < 16) throw new IllegalArgumentException("a template's output limit must be at least 16");
        return new Template(source, split(source), false, missing == null ? "" : missing, maxText);
    }

    /**
     * A JSON template: the text must be one JSON value once its placeholders are filled. A
     * placeholder inside a string literal is filled with the value escaped for a JSON string; one
     * outside a string (as in {@code {"hp": {health}}}) is filled with the value when it is a JSON
     * number, {@code true}, {@code false} or {@code null}, and with a quoted string otherwise, so
     * the result is valid JSON whatever the values hold.
     *
     * @throws IllegalArgumentException when the text is not JSON with its placeholders filled
     */
    public static Template parseJson(String source) {
        List<Part> parts = split(source);
        List<Part> located = new ArrayList<>(parts.size());
        boolean inString = false;
        for (Part p : parts) {
            switch (p) {
                case Literal l -> {
                    located.add(l);
                    inString = stringStateAfter(l.text(), inString);
                    if (inString && endsWithOddBackslashes(l.text())) {
                        throw new IllegalArgumentException(
                                "a placeholder follows a backslash inside a JSON string: the escape would take its"
                                        + " first character");
                    }
                }
                case Placeholder ph -> located.add(new Placeholder(ph.name(), inString));
            }
        }
        Template t = new Template(source, located, true, "", Integer.MAX_VALUE);
        String probe = t.renderJson(Map.of());
        if (!isJson(probe)) {
            throw new IllegalArgumentException("not a JSON template: the text with its placeholders filled is not"
                    + " one JSON value (placeholders go inside strings, as in {\"content\":\"{message}\"})");
        }
        return t;
    }

    /** The source text, as configured. */
    public String source() {
        return source;
    }

    /** The names this template uses, in order of first use. */
    public Set<String> names() {
        return names;
    }

    /** Fills the placeholders; never throws; at most the configured number of characters. */
    public String render(Map<String, String> values) {
        StringBuilder out = new StringBuilder();
        for (Part p : parts) {
            switch (p) {
                case Literal l -> out.append(l.text());
                case Placeholder ph -> {
                    String v = values.get(ph.name());
                    out.append(v == null ? missing : v);
                }
            }
            if (out.length() > maxText) break;
        }
        return cut(out, maxText);
    }

    /**
     * Fills a JSON template (see {@link #parseJson}); the result is valid JSON whatever the values.
     * Values share a budget of {@value #DEFAULT_JSON_VALUE_BUDGET} characters: a value beyond it is cut.
     *
     * @throws IllegalStateException when this is a text template
     */
    public String renderJson(Map<String, String> values) {
        if (!json) throw new IllegalStateException("renderJson needs a template parsed with parseJson");
        JsonStringEncoder encoder = JsonStringEncoder.getInstance();
        StringBuilder out = new StringBuilder();
        int budget = DEFAULT_JSON_VALUE_BUDGET;
        for (Part p : parts) {
            switch (p) {
                case Literal l -> out.append(l.text());
                case Placeholder ph -> {
                    String v = values.get(ph.name());
                    if (v == null) {
                        out.append(ph.inString() ? "" : "null");
                        continue;
                    }
                    v = wellFormed(v.length() > budget ? cut(new StringBuilder(v), Math.max(budget, 0)) : v);
                    budget -= v.length();
                    if (ph.inString()) {
                        out.append(encoder.quoteAsString(v));
                    } else if (isJsonScalar(v)) {
                        out.append(v.strip());
                    } else {
                        out.append('"').append(encoder.quoteAsString(v)).append('"');
                    }
                }
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "Template[" + source + "]";
    }

    private static List<Part> split(String source) {
        if (source == null) throw new IllegalArgumentException("a template must not be null");
        if (source.length() > MAX_SOURCE_LENGTH) {
            throw new IllegalArgumentException(
                    "a template has " + source.length() + " characters, at most " + MAX_SOURCE_LENGTH);
        }
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (c == '{' && i + 1 < source.length() && source.charAt(i + 1) == '{') {
                literal.append('{');
                i += 2;
            } else if (c == '{' && i + 1 < source.length() && startsName(source.charAt(i + 1))) {
                int close = source.indexOf('}', i + 1);
                String name = close < 0 ? null : source.substring(i + 1, close);
                if (name == null || !NAME.matcher(name).matches()) {
                    throw new IllegalArgumentException("template position " + i + ": a placeholder starts here but"
                            + " is not a name followed by '}' (write {{ for a literal brace)");
                }
                if (!literal.isEmpty()) parts.add(new Literal(literal.toString()));
                literal.setLength(0);
                parts.add(new Placeholder(name, false));
                i = close + 1;
            } else {
                literal.append(c);
                i++;
            }
        }
        if (!literal.isEmpty()) parts.add(new Literal(literal.toString()));
        return parts;
    }

    private static boolean startsName(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
    }

    /** Whether a JSON text that starts inside (or outside) a string literal ends inside one. */
    private static boolean stringStateAfter(String text, boolean inString) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString && c == '\\') i++;
            else if (c == '"') inString = !inString;
        }
        return inString;
    }

    private static boolean endsWithOddBackslashes(String text) {
        int n = 0;
        for (int i = text.length() - 1; i >= 0 && text.charAt(i) == '\\'; i--) n++;
        return n % 2 == 1;
    }

    private static boolean isJson(String text) {
        try (JsonParser p = JSON.createParser(text)) {
            if (p.nextToken() == null) return false;
            p.skipChildren();
            return p.nextToken() == null;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean isJsonScalar(String v) {
        try (JsonParser p = JSON.createParser(v)) {
            JsonToken t = p.nextToken();
            boolean scalar = t == JsonToken.VALUE_NUMBER_INT
                    || t == JsonToken.VALUE_NUMBER_FLOAT
                    || t == JsonToken.VALUE_TRUE
                    || t == JsonToken.VALUE_FALSE
                    || t == JsonToken.VALUE_NULL;
            return scalar && p.nextToken() == null;
        } catch (IOException e) {
            return false;
        }
    }

    /** Lone surrogates become U+FFFD: they cannot be sent as UTF-8. */
    private static String wellFormed(String v) {
        StringBuilder b = null;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            boolean pair =
                    Character.isHighSurrogate(c) && i + 1 < v.length() && Character.isLowSurrogate(v.charAt(i + 1));
            if (pair) {
                if (b != null) b.append(c).append(v.charAt(i + 1));
                i++;
            } else if (Character.isSurrogate(c)) {
                if (b == null) b = new StringBuilder(v.length()).append(v, 0, i);
                b.append('\uFFFD');
            } else if (b != null) {
                b.append(c);
            }
        }
        return b == null ? v : b.toString();
    }

    /** At most {@code max} characters, cut at a code point and ending with an ellipsis when cut. */
    private static String cut(StringBuilder s, int max) {
        if (s.length() <= max) return s.toString();
        if (max == 0) return "";
        int end = max - 1;
        if (end > 0 && Character.isHighSurrogate(s.charAt(end - 1))) end--;
        return s.substring(0, end) + "…";
    }
}
