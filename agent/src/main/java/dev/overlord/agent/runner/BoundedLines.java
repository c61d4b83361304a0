package dev.overlord.agent.runner;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads a subprocess's output line by line with two bounds: a line longer than {@code maxLine}
 * bytes is skipped whole (it is consumed up to its newline, never held), and past {@code
 * maxTotal} bytes in all nothing more is read. Not thread-safe: one reader per stream.
 */
final class BoundedLines {
    /** One step of the reading. */
    sealed interface Next {
        /** A whole line, without its line break, decoded as UTF-8. */
        record Line(String text) implements Next {}

        /** A line longer than the bound; its bytes were dropped. */
        record TooLong(long bytes) implements Next {}

        /** The output passed its total bound; reading stopped there. */
        record Overflow() implements Next {}

        /** The stream ended. */
        record End() implements Next {}
    }

    private final InputStream in;
    private final int maxLine;
    private final long maxTotal;
    private final byte[] buffer = new byte[8192];
    private int pos;
    private int limit;
    private long total;
    private byte[] line;

    BoundedLines(InputStream in, int maxLine, long maxTotal) {
        this.in = in;
        this.maxLine = maxLine;
        this.maxTotal = maxTotal;
        this.line = new byte[Math.min(maxLine, 8192)];
    }

    /** Blocks for the next line (or the end, or the overflow). */
    Next next() throws IOException {
        int length = 0;
        long skipped = -1; // >= 0 while skipping an over-long line
        while (true) {
            if (pos == limit) {
                if (total >= maxTotal) return new Next.Overflow();
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, maxTotal - total));
                if (n < 0) {
                    if (skipped >= 0) return new Next.TooLong(skipped);
                    return length == 0 ? new Next.End() : line(length);
                }
                total += n;
                pos = 0;
                limit = n;
            }
            byte b = buffer[pos++];
            if (b == '\n') {
                if (skipped >= 0) return new Next.TooLong(skipped);
                return line(length);
            }
            if (skipped >= 0) {
                skipped++;
            } else if (length == maxLine) {
                skipped = length + 1L;
                length = 0;
            } else {
                if (length == line.length) {
                    byte[] bigger = new byte[(int) Math.min(maxLine, line.length * 2L)];
                    System.arraycopy(line, 0, bigger, 0, length);
                    line = bigger;
                }
                line[length++] = b;
            }
        }
    }

    private Next line(int length) {
        int end = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
        return new Next.Line(new String(line, 0, end, StandardCharsets.UTF_8));
    }
}
