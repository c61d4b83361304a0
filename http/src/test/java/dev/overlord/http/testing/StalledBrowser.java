package dev.overlord.http.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

/**
 * A browser that opens {@code /ws/live} over a raw TCP socket with a small receive buffer and then
 * stops reading (a frozen tab), so the server's writes back up within a few kilobytes and nothing
 * on the client side drains them. {@link #drain()} reads later what the server managed to send
 * before it gave up on this client. Shared by the http tests and the load benchmark (bench).
 */
public final class StalledBrowser implements AutoCloseable {
    /** The tests' receive buffer: the server backs up within a frame or two. */
    public static final int TEST_RECEIVE_BUFFER = 1024;
    /** How long {@link #drain()} waits for the server to end the feed. */
    public static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(15);

    private static final int OP_CONTINUATION = 0x0;
    private static final int OP_TEXT = 0x1;
    private static final int OP_CLOSE = 0x8;
    private static final String SLOW_CONSUMER = "slow_consumer";

    private final Socket socket;

    /**
     * What a drain found: the text messages, whether a close frame ended them, and whether the
     * deadline passed first (the server had not ended the feed).
     */
    public record Drained(List<String> texts, boolean closeFrame, boolean timedOut) {
        /** The server ended this feed: it closed or reset the connection, or told it {@code slow_consumer}. */
        public boolean endedByServer() {
            return !timedOut || texts.stream().anyMatch(t -> t.contains(SLOW_CONSUMER));
        }
    }

    private StalledBrowser(Socket socket) {
        this.socket = socket;
    }

    /** Completes the WebSocket handshake (with the session cookie) and reads nothing after it. */
    public static StalledBrowser open(RunningServer server) {
        return open(
                server.port(), TEST_RECEIVE_BUFFER, "Cookie: " + server.cookieHeader(server.sessionCookie()) + "\r\n");
    }

    /**
     * Completes the handshake, without a cookie, with a server on {@code 127.0.0.1:port} that trusts
     * loopback, and reads nothing after it; the socket's receive buffer is {@code receiveBuffer} bytes.
     */
    public static StalledBrowser open(int port, int receiveBuffer) {
        return open(port, receiveBuffer, "");
    }

    private static StalledBrowser open(int port, int receiveBuffer, String extraHeaders) {
        try {
            Socket s = new Socket();
            s.setReceiveBufferSize(receiveBuffer);
            s.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            s.setSoTimeout(15_000);
            byte[] key = new byte[16];
            ThreadLocalRandom.current().nextBytes(key);
            String request = "GET /ws/live HTTP/1.1\r\n"
                    + "Host: 127.0.0.1:" + port + "\r\n"
                    + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key) + "\r\n"
                    + "Sec-WebSocket-Version: 13\r\n"
                    + extraHeaders + "\r\n";
            s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            String head = readHead(s.getInputStream());
            if (!head.startsWith("HTTP/1.1 101")) {
                s.close();
                throw new IllegalStateException("no upgrade: " + head);
            }
            return new StalledBrowser(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads the response head a byte at a time, so nothing after it leaves the kernel's buffer. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) throw new EOFException("connection closed during the handshake");
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    /**
     * Starts reading at last: every text message until the server's close frame or end of stream;
     * fails if the server has not ended the feed within {@link #DRAIN_TIMEOUT}.
     */
    public Drained drain() {
        Drained d = drain(DRAIN_TIMEOUT);
        if (d.timedOut()) {
            throw new IllegalStateException(
                    "the server did not end the feed within " + DRAIN_TIMEOUT.toSeconds() + " s");
        }
        return d;
    }

    /**
     * Reads every text message until the server's close frame, the end of the stream or a reset,
     * or until {@code timeout} has passed ({@link Drained#timedOut}).
     */
    public Drained drain(Duration timeout) {
        return drainUntil(t -> false, timeout);
    }

    /**
     * Reads every text message up to and including the first that {@code last} accepts (then the
     * socket stays open, {@link Drained#timedOut} false and no close frame), or as {@link
     * #drain(Duration)} when none does.
     */
    public Drained drainUntil(Predicate<String> last, Duration timeout) {
        List<String> texts = new ArrayList<>();
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            DataInputStream in = new DataInputStream(new BufferedInputStream(new UntilDeadline(deadline), 65536));
            while (true) {
                int b0 = in.readUnsignedByte();
                boolean fin = (b0 & 0x80) != 0;
                int opcode = b0 & 0x0F;
                int b1 = in.readUnsignedByte();
                long length = b1 & 0x7F;
                if (length == 126) length = in.readUnsignedShort();
                else if (length == 127) length = in.readLong();
                byte[] payload = new byte[Math.toIntExact(length)];
                in.readFully(payload);
                if (opcode == OP_CLOSE) return new Drained(texts, true, false);
                if (opcode == OP_TEXT || opcode == OP_CONTINUATION) {
                    message.write(payload);
                    if (fin) {
                        String text = message.toString(StandardCharsets.UTF_8);
                        texts.add(text);
                        message.reset();
                        if (last.test(text)) return new Drained(texts, false, false);
                    }
                }
                // Pings and pongs are skipped: this client is not polite.
            }
        } catch (SocketTimeoutException e) {
            return new Drained(texts, false, true);
        } catch (EOFException | SocketException e) {
            return new Drained(texts, false, false); // closed or reset by the server
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The socket's stream, each read waiting no longer than what is left until the deadline. */
    private final class UntilDeadline extends FilterInputStream {
        private final long deadline;

        UntilDeadline(long deadline) throws IOException {
            super(socket.getInputStream());
            this.deadline = deadline;
        }

        @Override
        public int read() throws IOException {
            waitAtMostUntilDeadline();
            return super.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            waitAtMostUntilDeadline();
            return super.read(b, off, len);
        }

        private void waitAtMostUntilDeadline() throws IOException {
            long leftMillis = (deadline - System.nanoTime()) / 1_000_000;
            if (leftMillis <= 0) throw new SocketTimeoutException("deadline passed");
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, leftMillis));
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
