package dev.overlord.http.telemetry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link ByteBuilder} holds what was written, across chunks and after cutting back. */
class ByteBuilderTest {

    @Test
    void writesAndCutsAcrossChunksLikeAPlainBuffer() {
        ByteBuilder b = new ByteBuilder(256);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 5_000; i++) {
            int op = random.nextInt(10);
            if (op == 0 && b.size() > 0) {
                int keep = random.nextInt((int) b.size() + 1);
                b.truncate(keep);
                byte[] all = expected.toByteArray();
                expected.reset();
                expected.write(all, 0, keep);
            } else if (op == 1) {
                int v = random.nextInt(256);
                b.write(v);
                expected.write(v);
            } else {
                byte[] chunk = new byte[random.nextInt(2_000)];
                random.nextBytes(chunk);
                int off = chunk.length == 0 ? 0 : random.nextInt(chunk.length);
                b.write(chunk, off, chunk.length - off);
                expected.write(chunk, off, chunk.length - off);
            }
            assertEquals(expected.size(), b.size());
        }
        assertArrayEquals(expected.toByteArray(), b.toByteString().toArray());
    }

    @Test
    void cannotCutToMoreThanItHolds() {
        ByteBuilder b = new ByteBuilder(256);
        b.write(new byte[300], 0, 300);
        assertThrows(IllegalArgumentException.class, () -> b.truncate(301));
        assertThrows(IllegalArgumentException.class, () -> b.truncate(-1));
    }
}
