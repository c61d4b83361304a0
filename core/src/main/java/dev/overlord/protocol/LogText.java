package dev.overlord.protocol;

/**
 * Text a plugin or browser sent, made safe for one log line: CR, LF, tab and other control or
 * invisible format characters become {@code \r}, {@code \n}, {@code \t} or {@code \\uXXXX}, so
 * that a character named {@code "Bob\nINFO admin logged in"} cannot forge a line, and its length is
 * capped.
 */
public final class LogText {
    /** Longest part of a text shown; the rest becomes "...". */
    public static final int MAX_CODE_POINTS = 200;

    private LogText() {}

    /** {@code text} escaped for a log line; {@code "null"} for null. */
    public static String escape(String text) {
        if (text == null) return "null";
        StringBuilder b = new StringBuilder(Math.min(text.length(), MAX_CODE_POINTS) + 8);
        int[] shown = {0};
        text.codePoints().limit(MAX_CODE_POINTS).forEach(cp -> {
            shown[0]++;
            switch (cp) {
                case '\r' -> b.append("\\r");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (Character.isISOControl(cp)
                            || Character.getType(cp) == Character.FORMAT
                            || Character.getType(cp) == Character.LINE_SEPARATOR
                            || Character.getType(cp) == Character.PARAGRAPH_SEPARATOR) {
                        b.append(String.format("\\u%04x", cp));
                    } else {
                        b.appendCodePoint(cp);
                    }
                }
            }
        });
        if (shown[0] == MAX_CODE_POINTS && text.codePointCount(0, text.length()) > MAX_CODE_POINTS) b.append("...");
        return b.toString();
    }

    /** {@code text} escaped and in single quotes, for names inside a sentence. */
    public static String quoted(String text) {
        return "'" + escape(text).replace("'", "\\'") + "'";
    }
}
