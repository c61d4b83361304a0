package dev.overlord.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A browser that opens {@code /ws/live} and then never reads again (a frozen tab), on a plain
 * socket so that nothing on the client side drains it. Its receive buffer is small, so the
 * server's buffers fill within seconds rather than minutes at benchmark rates.
 */
public final class StalledBrowser implements AutoCloseable {
  /** Receive buffer of the stalled socket. */
  public static final int RECEIVE_BUFFER = 16 * 1024;

  private final Socket socket;

  private StalledBrowser(Socket socket) {
    this.socket = socket;
  }

  /** Connects to {@code 127.0.0.1:port/ws/live} and completes the WebSocket handshake. */
  public static StalledBrowser open(int port) {
    try {
      Socket s = new Socket();
      s.setReceiveBufferSize(RECEIVE_BUFFER);
      s.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
      s.setSoTimeout(10_000);
      byte[] nonce = new byte[16];
      ThreadLocalRandom.current().nextBytes(nonce);
      String request = "GET /ws/live HTTP/1.1\r\n"
          + "Host: 127.0.0.1:" + port + "\r\n"
          + "Upgrade: websocket\r\n"
          + "Connection: Upgrade\r\n"
          + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n"
          + "Sec-WebSocket-Version: 13\r\n\r\n";
      s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      s.getOutputStream().flush();
      String head = readHead(s.getInputStream());
      if (!head.startsWith("HTTP/1.1 101")) {
        s.close();
        throw new IllegalStateException("stalled browser's upgrade refused: " + head.lines().findFirst().orElse(""));
      }
      return new StalledBrowser(s);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads the response head byte by byte, so not one byte of the feed is consumed. */
  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int last4 = 0;
    while (last4 != 0x0D0A0D0A) {
      int b = in.read();
      if (b < 0) throw new IOException("connection closed during the handshake");
      if (head.size() > 16 * 1024) throw new IOException("response head too long");
      head.write(b);
      last4 = (last4 << 8) | b;
    }
    return head.toString(StandardCharsets.US_ASCII);
  }

  /**
   * After the run: reads what was buffered until the server's close, and says whether the server
   * had ended this feed (told it {@code slow_consumer} or closed the connection) within {@code timeout}.
   */
  public boolean drainAndCheckClosedByServer(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    byte[] buf = new byte[64 * 1024];
    byte[] marker = "slow_consumer".getBytes(StandardCharsets.US_ASCII);
    byte[] tail = new byte[0];
    try {
      socket.setSoTimeout(250);
      InputStream in = socket.getInputStream();
      while (System.nanoTime() - deadline < 0) {
        int n;
        try {
          n = in.read(buf);
        } catch (SocketTimeoutException e) {
          continue;
        }
        if (n < 0) return true;
        byte[] window = new byte[tail.length + n];
        System.arraycopy(tail, 0, window, 0, tail.length);
        System.arraycopy(buf, 0, window, tail.length, n);
        if (indexOf(window, marker) >= 0) return true;
        int keep = Math.min(window.length, marker.length - 1);
        tail = java.util.Arrays.copyOfRange(window, window.length - keep, window.length);
      }
      return false;
    } catch (IOException e) {
      return true; // reset by the server
    }
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
      return i;
    }
    return -1;
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // Already gone.
    }
  }
}
