package dev.overlord.http.telemetry;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Writes an {@link Instant} exactly as {@link Instant#toString()} does (ISO-8601 UTC, seconds
 * always, the fraction in groups of three digits as needed) into a reused char array, without a
 * formatter: a page of history has tens of thousands of timestamps. The date part is kept from
 * the previous call while the day does not change. Not thread-safe: one per page.
 */
final class IsoInstant {
    private static final long SECONDS_PER_DAY = 86_400;

    private final char[] buf = new char[32];
    private long cachedDay = Long.MIN_VALUE;
    private int length;

    /** The characters of {@code t}, in {@link #chars()} from 0; valid until the next call. */
    int format(Instant t) {
        long seconds = t.getEpochSecond();
        long day = Math.floorDiv(seconds, SECONDS_PER_DAY);
        if (day != cachedDay) {
            LocalDate date = LocalDate.ofEpochDay(day);
            int year = date.getYear();
            if (year < 0 || year > 9999) {
                // Outside four-digit years Instant adds signs and digits: leave that to it.
                String s = t.toString();
                s.getChars(0, s.length(), buf, 0);
                cachedDay = Long.MIN_VALUE;
                return length = s.length();
            }
            digits(buf, 0, year, 4);
            buf[4] = '-';
            digits(buf, 5, date.getMonthValue(), 2);
            buf[7] = '-';
            digits(buf, 8, date.getDayOfMonth(), 2);
            buf[10] = 'T';
            buf[13] = ':';
            buf[16] = ':';
            cachedDay = day;
        }
        int secondOfDay = (int) (seconds - day * SECONDS_PER_DAY);
        digits(buf, 11, secondOfDay / 3600, 2);
        digits(buf, 14, secondOfDay / 60 % 60, 2);
        digits(buf, 17, secondOfDay % 60, 2);
        int i = 19;
        int nano = t.getNano();
        if (nano != 0) {
            buf[i++] = '.';
            if (nano % 1_000_000 == 0) {
                digits(buf, i, nano / 1_000_000, 3);
                i += 3;
            } else if (nano % 1_000 == 0) {
                digits(buf, i, nano / 1_000, 6);
                i += 6;
            } else {
                digits(buf, i, nano, 9);
                i += 9;
            }
        }
        buf[i++] = 'Z';
        return length = i;
    }

    char[] chars() {
        return buf;
    }

    int length() {
        return length;
    }

    private static void digits(char[] into, int at, int value, int width) {
        for (int j = at + width - 1; j >= at; j--) {
            into[j] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
