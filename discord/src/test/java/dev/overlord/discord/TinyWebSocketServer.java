package dev.overlord.discord;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * A small WebSocket server on loopback (RFC 6455, text frames, no extensions) for tests: enough to
 * play Discord's gateway for JDA and the server's live feed for the standalone bot, with full
 * control over close codes and abrupt drops.
 */
final class TinyWebSocketServer implements AutoCloseable {

    /** One client connection. */
    static final class Connection {
        final String target;
        final Map<String, String> headers;
        private final Socket socket;
        private final OutputStream out;

        Connection(String target, Map<String, String> headers, Socket socket) throws IOException {
            this.target = target;
            this.headers = headers;
            this.socket = socket;
            this.out = socket.getOutputStream();
        }

        synchronized void send(String text) {
            write(0x1, text.getBytes(StandardCharsets.UTF_8));
        }

        /** A close frame with this code, then the socket is closed. */
        synchronized void close(int code, String reason) {
            byte[] r = reason.getBytes(StandardCharsets.UTF_8);
            byte[] p = new byte[2 + r.length];
            p[0] = (byte) (code >> 8);
            p[1] = (byte) code;
            System.arraycopy(r, 0, p, 2, r.length);
            write(0x8, p);
            abort();
        }

        /** Drops the TCP connection without a close frame, as a network failure would. */
        void abort() {
            try {
                socket.close();
            } catch (IOException e) {
                // already closed
            }
        }

        boolean isOpen() {
            return !socket.isClosed();
        }

        private void write(int opcode, byte[] payload) {
            try {
                ByteArrayOutputStream f = new ByteArrayOutputStream();
                f.write(0x80 | opcode);
                if (payload.length < 126) f.write(payload.length);
                else if (payload.length < 65_536) {
                    f.write(126);
                    f.write(payload.length >> 8);
                    f.write(payload.length);
                } else {
                    f.write(127);
                    for (int i = 7; i >= 0; i--) f.write((int) ((long) payload.length >> (8 * i)));
                }
                f.write(payload);
                out.write(f.toByteArray());
                out.flush();
            } catch (IOException e) {
                abort();
            }
        }
    }

    private final ServerSocket server;
    private final Consumer<Connection> onOpen;
    private final BiConsumer<Connection, String> onText;
    final List<Connection> connections = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    TinyWebSocketServer(Consumer<Connection> onOpen, BiConsumer<Connection, String> onText) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.onOpen = onOpen;
        this.onText = onText;
        Thread.ofVirtual().name("tiny-ws-accept").start(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    String url(String path) {
        return "ws://127.0.0.1:" + port() + path;
    }

    /** Drops every open connection abruptly. */
    void dropAll() {
        connections.forEach(Connection::abort);
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        dropAll();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket s = server.accept();
                Thread.ofVirtual().name("tiny-ws-conn").start(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            InputStream in = s.getInputStream();
            String head = readHead(in);
            String[] lines = head.split("\r\n");
            String target = lines[0].split(" ")[1];
            Map<String, String> headers = new ConcurrentHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.put(
                            lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                            lines[i].substring(colon + 1).trim());
                }
            }
            String key = headers.getOrDefault("sec-websocket-key", "");
            String accept = Base64.getEncoder()
                    .encodeToString(MessageDigest.getInstance("SHA-1")
                            .digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")
                                    .getBytes(StandardCharsets.US_ASCII)));
            OutputStream out = s.getOutputStream();
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                            + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Connection c = new Connection(target, headers, s);
            connections.add(c);
            onOpen.accept(c);
            readFrames(new DataInputStream(in), c);
        } catch (Exception e) {
            // the connection ends
        }
    }

    private void readFrames(DataInputStream in, Connection c) throws IOException {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        while (true) {
            int b0 = in.readUnsignedByte();
            int b1 = in.readUnsignedByte();
            boolean fin = (b0 & 0x80) != 0;
            int opcode = b0 & 0x0F;
            long len = b1 & 0x7F;
            if (len == 126) len = in.readUnsignedShort();
            else if (len == 127) len = in.readLong();
            if (len > (16 << 20)) throw new IOException("frame too large");
            byte[] mask = new byte[4];
            if ((b1 & 0x80) != 0) in.readFully(mask);
            byte[] payload = new byte[(int) len];
            in.readFully(payload);
            for (int i = 0; i < payload.length; i++) payload[i] ^= mask[i % 4];
            switch (opcode) {
                case 0x0, 0x1 -> {
                    message.write(payload);
                    if (fin) {
                        String text = message.toString(StandardCharsets.UTF_8);
                        message.reset();
                        onText.accept(c, text);
                    }
                }
                case 0x8 -> {
                    synchronized (c) {
                        c.write(0x8, payload.length >= 2 ? new byte[] {payload[0], payload[1]} : new byte[0]);
                    }
                    c.abort();
                    return;
                }
                case 0x9 -> {
                    synchronized (c) {
                        c.write(0xA, payload);
                    }
                }
                default -> {}
            }
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) throw new IOException("closed during the handshake");
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            if (head.size() > 16_384) throw new IOException("handshake too long");
        }
        return head.toString(StandardCharsets.US_ASCII);
    }
}
