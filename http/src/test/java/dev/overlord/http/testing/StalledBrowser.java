package dev.overlord.http.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A browser that opens {@code /ws/live} over a raw TCP socket with a tiny receive buffer and then
 * stops reading, so the server's writes back up within a few kilobytes. {@link #drain()} reads
 * later what the server managed to send before it gave up on this client.
 */
public final class StalledBrowser implements AutoCloseable {
  private static final int OP_CONTINUATION = 0x0;
  private static final int OP_TEXT = 0x1;
  private static final int OP_CLOSE = 0x8;

  private final Socket socket;

  /** What {@link #drain()} found: the text messages, and whether a close frame ended them. */
  public record Drained(List<String> texts, boolean closeFrame) {}

  private StalledBrowser(Socket socket) {
    this.socket = socket;
  }

  /** Completes the WebSocket handshake (with the session cookie) and reads nothing after it. */
  public static StalledBrowser open(RunningServer server) {
    try {
      Socket s = new Socket();
      s.setReceiveBufferSize(1024);
      s.connect(new InetSocketAddress("127.0.0.1", server.port()), 10_000);
      s.setSoTimeout(15_000);
      byte[] key = new byte[16];
      ThreadLocalRandom.current().nextBytes(key);
      String request = "GET /ws/live HTTP/1.1\r\n"
          + "Host: 127.0.0.1:" + server.port() + "\r\n"
          + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
          + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key) + "\r\n"
          + "Sec-WebSocket-Version: 13\r\n"
          + "Cookie: " + server.cookieHeader(server.sessionCookie()) + "\r\n\r\n";
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

  /** Starts reading at last: every text message until the server's close frame or end of stream. */
  public Drained drain() {
    List<String> texts = new ArrayList<>();
    ByteArrayOutputStream message = new ByteArrayOutputStream();
    try {
      DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 65536));
      while (true) {
        int b0;
        try {
          b0 = in.readUnsignedByte();
        } catch (EOFException | SocketException e) {
          return new Drained(texts, false);
        }
        boolean fin = (b0 & 0x80) != 0;
        int opcode = b0 & 0x0F;
        int b1 = in.readUnsignedByte();
        long length = b1 & 0x7F;
        if (length == 126) length = in.readUnsignedShort();
        else if (length == 127) length = in.readLong();
        byte[] payload = new byte[Math.toIntExact(length)];
        in.readFully(payload);
        if (opcode == OP_CLOSE) return new Drained(texts, true);
        if (opcode == OP_TEXT || opcode == OP_CONTINUATION) {
          message.write(payload);
          if (fin) {
            texts.add(message.toString(StandardCharsets.UTF_8));
            message.reset();
          }
        }
        // Pings and pongs are skipped: this client is not polite.
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
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
