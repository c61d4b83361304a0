package dev.overlord.protocol;

/** UTF-8 lengths without encoding, for size caps on text messages. */
public final class Utf8 {
    private Utf8() {}

    /** The bytes {@code s} takes in UTF-8; a lone surrogate counts as the 3 bytes of its replacement. */
    public static long length(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) n += 1;
            else if (c < 0x800) n += 2;
            else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else n += 3;
        }
        return n;
    }

    /** Cheap first: a string cannot exceed the cap in bytes when three times its length does not. */
    public static boolean exceeds(String s, long capBytes) {
        if (s.length() > capBytes) return true;
        if ((long) s.length() * 3 <= capBytes) return false;
        return length(s) > capBytes;
    }
}
