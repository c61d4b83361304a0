package dev.overlord.http.telemetry;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.util.ByteString;

/**
 * Bytes of a response body, written in chunks that are never copied again: unlike
 * {@code ByteArrayOutputStream} it does not re-copy everything when it grows, it can be cut back
 * to an earlier length, and its chunks become the response's {@link ByteString} as they are.
 * Not thread-safe.
 */
final class ByteBuilder extends OutputStream {
    private static final int MAX_CHUNK = 4 << 20;

    /** Chunks before {@link #current}, each completely filled. */
    private final List<byte[]> full = new ArrayList<>();

    private long fullBytes;
    private byte[] current;
    private int used;

    ByteBuilder(int firstChunk) {
        current = new byte[Math.max(256, firstChunk)];
    }

    @Override
    public void write(int b) {
        if (used == current.length) {
            next();
        }
        current[used++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        while (len > 0) {
            if (used == current.length) {
                next();
            }
            int n = Math.min(len, current.length - used);
            System.arraycopy(b, off, current, used, n);
            used += n;
            off += n;
            len -= n;
        }
    }

    long size() {
        return fullBytes + used;
    }

    /** Drops everything written after the first {@code length} bytes. */
    void truncate(long length) {
        if (length < 0 || length > size()) {
            throw new IllegalArgumentException("cannot cut " + size() + " bytes to " + length);
        }
        while (length < fullBytes) {
            current = full.remove(full.size() - 1);
            fullBytes -= current.length;
            used = current.length;
        }
        used = (int) (length - fullBytes);
    }

    /** The bytes written, sharing this builder's arrays: do not write to it afterwards. */
    ByteString toByteString() {
        ByteString all = ByteString.emptyByteString();
        for (byte[] chunk : full) {
            all = all.concat(ByteString.fromArrayUnsafe(chunk));
        }
        return all.concat(ByteString.fromArrayUnsafe(current, 0, used));
    }

    private void next() {
        full.add(current);
        fullBytes += current.length;
        current = new byte[(int) Math.min(MAX_CHUNK, Math.max(current.length, fullBytes))];
        used = 0;
    }
}
