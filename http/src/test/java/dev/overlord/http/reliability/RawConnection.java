package dev.overlord.http.reliability;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One TCP connection to the server from a chosen loopback address (all of {@code 127.0.0.0/8} is
 * this machine, so {@code 127.0.0.2} is "another client" to the server's per-address cap), spoken
 * to by hand: plain HTTP/1.1 requests on a kept-alive connection, a WebSocket upgrade after which
 * it reads nothing, or nothing at all (an idle connection).
 */
final class RawConnection implements AutoCloseable {
    /** What the server answered: the status and the body (empty for a 101). */
    record Answer(int status, String head, String body) {}

    private final Socket socket;

    private RawConnection(Socket socket) {
        this.socket = socket;
    }

    /** Connects from {@code from} (e.g. {@code 127.0.0.2}) to the server on loopback. */
    static RawConnection open(String from, int port) {
        try {
            Socket s = new Socket();
            s.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            s.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            s.setSoTimeout(10_000);
            return new RawConnection(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code GET path} on this (kept-alive) connection. */
    Answer get(String path) {
        return request("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    }

    /** A WebSocket handshake for {@code path} with extra header lines; reads nothing after the head. */
    Answer upgrade(String path, String... headerLines) {
        byte[] key = new byte[16];
        ThreadLocalRandom.current().nextBytes(key);
        StringBuilder r = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n")
                .append("Upgrade: websocket\r\nConnection: Upgrade\r\n")
                .append("Sec-WebSocket-Key: ")
                .append(Base64.getEncoder().encodeToString(key))
                .append("\r\nSec-WebSocket-Version: 13\r\n");
        for (String h : headerLines) r.append(h).append("\r\n");
        return request(r.append("\r\n").toString());
    }

    /** Sends {@code text} as it is (a whole request, written by hand) and reads one answer. */
    Answer send(String text) {
        return request(text);
    }

    private Answer request(String text) {
        try {
            socket.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            String head = readHead(in);
            int status = Integer.parseInt(head.substring(9, 12));
            int length = contentLength(head);
            byte[] body = in.readNBytes(length);
            return new Answer(status, head, new String(body, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits (reading and discarding whatever comes, e.g. pings) until the server closes the
     * connection and returns how long that took; fails when it is still open after {@code atMost}.
     */
    Duration awaitClosedByServer(Duration atMost) {
        long start = System.nanoTime();
        long deadline = start + atMost.toNanos();
        byte[] buf = new byte[4096];
        try {
            while (true) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) throw new AssertionError("the server kept the connection open for " + atMost);
                socket.setSoTimeout((int) left);
                if (socket.getInputStream().read(buf) < 0) return Duration.ofNanos(System.nanoTime() - start);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server kept the connection open for " + atMost);
        } catch (SocketException e) {
            return Duration.ofNanos(System.nanoTime() - start); // reset by the server
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * After an upgrade: one whole WebSocket frame with {@code opcode} (1 text, 2 binary) and exactly
     * these payload bytes, masked as a client must, so a text frame can carry bytes that are not UTF-8.
     */
    void sendFrame(int opcode, byte[] payload) {
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.write(0x80 | opcode);
        if (payload.length < 126) {
            f.write(0x80 | payload.length);
        } else {
            f.write(0x80 | 126);
            f.write(payload.length >>> 8);
            f.write(payload.length & 0xFF);
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        f.writeBytes(mask);
        for (int i = 0; i < payload.length; i++) f.write(payload[i] ^ mask[i % 4]);
        try {
            socket.getOutputStream().write(f.toByteArray());
            socket.getOutputStream().flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The payloads of the frames the server sends until its close frame, which is answered as a
     * client must (so neither side waits for the other's); fails if none comes within {@code within}.
     */
    String readUntilClosed(Duration within) {
        StringBuilder got = new StringBuilder();
        try {
            socket.setSoTimeout((int) within.toMillis());
            InputStream in = socket.getInputStream();
            while (true) {
                int b0 = in.read();
                if (b0 < 0) return got.toString(); // closed without a close frame: closed all the same
                int len = in.read() & 0x7F;
                if (len == 126) len = (in.read() << 8) | in.read();
                else if (len == 127) throw new IOException("a 64-bit frame length from the server");
                byte[] payload = in.readNBytes(len);
                if ((b0 & 0x0F) == 8) {
                    got.append("[close ")
                            .append(len >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 0)
                            .append(']');
                    sendFrame(8, len >= 2 ? new byte[] {payload[0], payload[1]} : new byte[0]);
                    return got.toString();
                }
                got.append(new String(payload, StandardCharsets.UTF_8));
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server kept the connection open for " + within + " after: " + got, e);
        } catch (SocketException e) {
            return got.toString(); // reset by the server: closed as well
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) throw new EOFException("connection closed before a response: " + head);
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Integer.parseInt(line.substring(15).trim());
            }
        }
        return 0;
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
