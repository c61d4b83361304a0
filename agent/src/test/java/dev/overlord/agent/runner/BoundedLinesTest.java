package dev.overlord.agent.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Lines of a subprocess's output, read within a bound per line and one in all. */
class BoundedLinesTest {
    private static List<BoundedLines.Next> all(String text, int maxLine, long maxTotal) throws IOException {
        BoundedLines lines =
                new BoundedLines(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), maxLine, maxTotal);
        List<BoundedLines.Next> out = new ArrayList<>();
        while (true) {
            BoundedLines.Next n = lines.next();
            out.add(n);
            if (n instanceof BoundedLines.Next.End || n instanceof BoundedLines.Next.Overflow) return out;
        }
    }

    private static BoundedLines.Next line(String s) {
        return new BoundedLines.Next.Line(s);
    }

    @Test
    void linesEndWithNewlinesOrCrLfOrTheEnd() throws IOException {
        assertEquals(
                List.of(line("a"), line("bé"), line(""), line("last"), new BoundedLines.Next.End()),
                all("a\nbé\r\n\nlast", 100, 1000));
    }

    @Test
    void aLineOverItsBoundIsSkippedWholeAndReadingGoesOn() throws IOException {
        assertEquals(
                List.of(
                        line("12345"),
                        new BoundedLines.Next.TooLong(6),
                        line("ok"),
                        new BoundedLines.Next.TooLong(9),
                        new BoundedLines.Next.End()),
                all("12345\n123456\nok\n123456789", 5, 1000));
    }

    @Test
    void readingStopsAtTheTotalBound() throws IOException {
        assertEquals(
                List.of(line("aaaa"), line("bbbb"), new BoundedLines.Next.Overflow()),
                all("aaaa\nbbbb\ncccc\n" + "d".repeat(10_000), 100, 12));
    }

    @Test
    void aLongLineGrowsItsBufferUpToTheBound() throws IOException {
        String big = "x".repeat(50_000);
        assertEquals(List.of(line(big), new BoundedLines.Next.End()), all(big + "\n", 50_000, 100_000));
    }
}
