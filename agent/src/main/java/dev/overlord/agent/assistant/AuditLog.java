package dev.overlord.agent.assistant;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The assistant's audit trail: one JSON line per event ({@code ask_start}, {@code ask_ok}, {@code
 * ask_error}, {@code timeout}, {@code rate_limited}, {@code concurrency_blocked}) appended to a
 * file by a thread of its own, so a slow disk never holds up a request: lines wait in a bounded
 * queue and are dropped (and counted) when it is full. Past {@code maxBytes} the file is rotated
 * to {@code .1} (older ones shift up, at most {@code keepFiles} kept).
 */
public final class AuditLog implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);
    /** Lines waiting for the disk; beyond, lines are dropped. */
    static final int QUEUE = 10_000;

    private final Path file;
    private final long maxBytes;
    private final int keepFiles;
    private final Clock clock;
    private final ThreadPoolExecutor writer;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    // only the writer thread touches these
    private OutputStream out;
    private long size;

    public AuditLog(Path file, long maxBytes, int keepFiles, Clock clock) {
        this.file = file.toAbsolutePath();
        this.maxBytes = maxBytes;
        this.keepFiles = keepFiles;
        this.clock = clock;
        this.writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(QUEUE), r -> {
            Thread t = new Thread(r, "overlord-agent-audit");
            t.setDaemon(true);
            return t;
        });
    }

    public Path file() {
        return file;
    }

    /** Lines dropped because the queue was full or writing failed. */
    public long dropped() {
        return dropped.get() + failed.get();
    }

    /** A new event line: {@code {"event": name, "timestamp": now}}, to fill and {@link #write}. */
    public ObjectNode event(String name) {
        return JsonNodeFactory.instance
                .objectNode()
                .put("event", name)
                .put("timestamp", clock.instant().truncatedTo(ChronoUnit.MILLIS).toString());
    }

    /** Queues the line; never waits. */
    public void write(ObjectNode line) {
        byte[] bytes = (line.toString() + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            writer.execute(() -> append(bytes));
        } catch (RejectedExecutionException e) {
            if (dropped.incrementAndGet() % 1000 == 1)
                log.warn("agent audit: {} line(s) dropped, the disk is not keeping up", dropped.get());
        }
    }

    /** Completes when every line queued before it is on disk (or failed). */
    public CompletableFuture<Void> flush() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            writer.execute(() -> done.complete(null));
        } catch (RejectedExecutionException e) {
            done.complete(null);
        }
        return done;
    }

    private void append(byte[] line) {
        try {
            if (out == null) open();
            if (size > 0 && size + line.length > maxBytes) {
                rotate();
            }
            out.write(line);
            out.flush();
            size += line.length;
        } catch (IOException e) {
            closeQuietly();
            if (failed.incrementAndGet() % 1000 == 1) log.warn("agent audit: cannot write {}: {}", file, e.toString());
        }
    }

    private void open() throws IOException {
        Path dir = file.getParent();
        if (dir != null) Files.createDirectories(dir);
        out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        size = Files.isRegularFile(file) ? Files.size(file) : 0;
    }

    private void rotate() throws IOException {
        if (!Files.isRegularFile(file)) return; // e.g. /dev/null: nothing to rotate
        closeQuietly();
        if (keepFiles == 0) {
            Files.deleteIfExists(file);
        } else {
            Files.deleteIfExists(rotated(keepFiles));
            for (int i = keepFiles - 1; i >= 1; i--) {
                Path from = rotated(i);
                if (Files.exists(from)) Files.move(from, rotated(i + 1), StandardCopyOption.REPLACE_EXISTING);
            }
            Files.move(file, rotated(1), StandardCopyOption.REPLACE_EXISTING);
        }
        open();
    }

    /** The {@code n}th rotated file: {@code audit.jsonl.n}. */
    public Path rotated(int n) {
        return file.resolveSibling(file.getFileName() + "." + n);
    }

    private void closeQuietly() {
        if (out == null) return;
        try {
            out.close();
        } catch (IOException e) {
            log.debug("agent audit: close failed: {}", e.toString());
        }
        out = null;
    }

    /** Writes what is queued (waiting up to a few seconds) and closes the file. */
    @Override
    public void close() {
        try {
            writer.execute(this::closeQuietly);
        } catch (RejectedExecutionException e) {
            log.debug("agent audit: closing with a full queue");
        }
        writer.shutdown();
        try {
            if (!writer.awaitTermination(5, TimeUnit.SECONDS)) writer.shutdownNow();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            writer.shutdownNow();
        }
    }
}
