package dev.overlord.protocol;

/** What a server may quote back of a client's input: bounded, on one line, printable. */
public final class Echo {
    private Echo() {}

    /**
     * At most {@code max} characters of {@code s} (an ellipsis marks a cut): control, format and
     * unpaired surrogate characters (line breaks, bidi overrides) become spaces, runs of them one.
     */
    public static String line(String s, int max) {
        if (s == null) return "";
        StringBuilder out = new StringBuilder(Math.min(s.length(), max + 3));
        boolean space = false;
        for (int i = 0; i < s.length() && out.length() <= max; i++) {
            char c = s.charAt(i);
            if (printable(c)) {
                out.append(c);
                space = false;
            } else if (!space) {
                out.append(' ');
                space = true;
            }
        }
        return out.length() <= max ? out.toString() : out.substring(0, Math.max(0, max - 3)) + "...";
    }

    /** Whether {@code s} would be echoed unchanged by {@link #line} with a large enough max. */
    public static boolean isPrintable(String s) {
        for (int i = 0; i < s.length(); i++) if (!printable(s.charAt(i)) && s.charAt(i) != ' ') return false;
        return true;
    }

    private static boolean printable(char c) {
        int kind = Character.getType(c);
        return !Character.isISOControl(c)
                && !Character.isWhitespace(c)
                && kind != Character.FORMAT
                && kind != Character.LINE_SEPARATOR
                && kind != Character.PARAGRAPH_SEPARATOR
                && kind != Character.SURROGATE
                && kind != Character.UNASSIGNED;
    }
}
