package dev.overlord.protocol;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A fast path for the timestamps plugins actually send ({@code 2026-11-23T10:15:02Z},
 * {@code 2026-11-23T10:15:02.123456+01:00}, or without a zone, read as UTC). Parsing with
 * {@code Instant.parse} costs about as much as parsing a whole small frame's JSON, and every frame
 * has a timestamp. Anything unusual returns null so the caller falls back to the JDK parsers.
 */
final class IsoInstants {
    private IsoInstants() {}

    static Instant parse(String s) {
        int n = s.length();
        if (n < 19
                || s.charAt(4) != '-'
                || s.charAt(7) != '-'
                || (s.charAt(10) != 'T' && s.charAt(10) != 't')
                || s.charAt(13) != ':'
                || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 7);
        int day = digits(s, 8, 10);
        int hour = digits(s, 11, 13);
        int minute = digits(s, 14, 16);
        int second = digits(s, 17, 19);
        if ((year | month | day | hour | minute | second) < 0 || hour > 23 || minute > 59 || second > 59) return null;
        int i = 19;
        int nanos = 0;
        if (i < n && s.charAt(i) == '.') {
            int start = ++i;
            while (i < n && isDigit(s.charAt(i))) i++;
            int len = i - start;
            if (len == 0 || len > 9) return null;
            nanos = digits(s, start, i);
            for (int k = len; k < 9; k++) nanos *= 10;
        }
        int offsetSeconds = 0;
        if (i < n) {
            char z = s.charAt(i);
            if ((z == 'Z' || z == 'z') && i + 1 == n) {
                offsetSeconds = 0;
            } else if ((z == '+' || z == '-') && i + 6 == n && s.charAt(i + 3) == ':') {
                int oh = digits(s, i + 1, i + 3);
                int om = digits(s, i + 4, i + 6);
                if (oh < 0 || om < 0 || oh > 18 || om > 59) return null;
                offsetSeconds = (oh * 3600 + om * 60) * (z == '-' ? -1 : 1);
            } else {
                return null;
            }
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            return null; // e.g. February 30th: let the JDK parser report it
        }
        long epochSecond = epochDay * 86_400 + hour * 3600L + minute * 60L + second - offsetSeconds;
        return Instant.ofEpochSecond(epochSecond, nanos);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The decimal value of s[from, to), or -1 when a character is not a digit. */
    private static int digits(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) return -1;
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
