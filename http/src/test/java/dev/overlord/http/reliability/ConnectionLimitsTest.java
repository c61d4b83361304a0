package dev.overlord.http.reliability;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.overlord.http.plugin.PluginSocketRoute;
import dev.overlord.http.testing.Frames;
import dev.overlord.http.testing.RunningServer;
import dev.overlord.http.testing.SocketClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hole 5: idle connections are closed after the idle timeout while WebSocket pings keep live
 * sockets open past it, and one client address cannot hold more than its cap of connections
 * (HTTP and WebSocket alike), so it cannot lock out the others.
 */
class ConnectionLimitsTest {
    static final int CAP = 6;
    /** Another client, as the server sees it: all of 127.0.0.0/8 is loopback. */
    static final String CROWD = "127.0.0.2";

    @Test
    void theHostItselfAndListedProxiesAreNotCapped() {
        String proxy = "127.0.0.3";
        try (RunningServer overlord = RunningServer.create()
                .with("overlord.http.max-connections-per-address = " + CAP)
                .with("overlord.auth.proxies = \"" + proxy + "\"")
                .start()) {
            long refusedBefore = refused(overlord);
            List<RawConnection> held = new ArrayList<>();
            try {
                // Twice the cap from loopback (the demo simulator, a proxy on this host) and from a proxy.
                for (String from : List.of("127.0.0.1", proxy)) {
                    for (int i = 0; i < 2 * CAP; i++) {
                        RawConnection c = RawConnection.open(from, overlord.port());
                        held.add(c);
                        assertEquals(200, c.get("/health").status(), "connection " + i + " from " + from);
                    }
                }
                assertEquals(refusedBefore, refused(overlord), "nothing refused");
                // Any other address is still capped.
                for (int i = 0; i < CAP; i++) {
                    RawConnection c = RawConnection.open(CROWD, overlord.port());
                    held.add(c);
                    assertEquals(200, c.get("/health").status());
                }
                try (RawConnection oneTooMany = RawConnection.open(CROWD, overlord.port())) {
                    assertEquals(503, oneTooMany.get("/health").status());
                }
            } finally {
                held.forEach(RawConnection::close);
            }
        }
    }

    @Test
    void anAddressAtItsCapIsRefusedWhileItsOpenConnectionsAndOtherAddressesKeepWorking() {
        try (RunningServer overlord = RunningServer.create()
                .with("overlord.http.max-connections-per-address = " + CAP)
                .start()) {
            long refusedBefore = refused(overlord);
            List<RawConnection> held = new ArrayList<>();
            try {
                // Two upgraded plugin sockets that then say nothing, and idle HTTP connections: CAP in all.
                for (int i = 0; i < 2; i++) {
                    RawConnection ws = RawConnection.open(CROWD, overlord.port());
                    held.add(ws);
                    assertEquals(
                            101,
                            ws.upgrade("/ws/position", PluginSocketRoute.SECRET_HEADER + ": " + overlord.sharedSecret())
                                    .status());
                }
                for (int i = 2; i < CAP; i++) {
                    RawConnection http = RawConnection.open(CROWD, overlord.port());
                    held.add(http);
                    assertEquals(200, http.get("/health").status());
                }

                try (RawConnection oneTooMany = RawConnection.open(CROWD, overlord.port())) {
                    RawConnection.Answer refusal = oneTooMany.get("/health");
                    assertEquals(503, refusal.status(), refusal.head());
                    assertTrue(refusal.body().contains("too many connections from this address"), refusal.body());
                    assertTrue(refusal.head().toLowerCase().contains("connection: close"), refusal.head());
                    oneTooMany.awaitClosedByServer(Duration.ofSeconds(10));
                }
                assertEquals(refusedBefore + 1, refused(overlord), "the refusal is counted");

                // The address's open connections still work, and other addresses are not affected.
                assertEquals(200, held.get(CAP - 1).get("/health").status());
                assertEquals(200, overlord.get("/health").statusCode());
                try (SocketClient plugin = overlord.plugin();
                        SocketClient browser = overlord.browser()) {
                    plugin.send(Frames.chat("Dusk", "still here"));
                    browser.awaitJson(j -> Frames.isEvent(j, "chat", "Dusk"));
                }

                // A closed WebSocket gives its place back.
                held.removeFirst().close();
                await("the closed socket's place to be free")
                        .atMost(Duration.ofSeconds(10))
                        .until(() -> {
                            try (RawConnection again = RawConnection.open(CROWD, overlord.port())) {
                                return again.get("/health").status() == 200;
                            }
                        });
            } finally {
                held.forEach(RawConnection::close);
            }
        }
    }

    @Test
    void anIdleConnectionIsClosedAfterTheIdleTimeoutWhilePingedWebSocketsStayOpen() {
        Duration idle = Duration.ofSeconds(2);
        try (RunningServer overlord = RunningServer.create()
                        .with("pekko.http.server.idle-timeout = 2 s")
                        .with("pekko.http.server.websocket.periodic-keep-alive-max-idle = 500 ms")
                        .start();
                SocketClient plugin = overlord.plugin();
                SocketClient browser = overlord.browser()) {
            Duration closedAfter;
            try (RawConnection silent = RawConnection.open("127.0.0.1", overlord.port())) {
                closedAfter = silent.awaitClosedByServer(Duration.ofSeconds(10));
            }
            System.out.printf(
                    "idle TCP connection closed after %d ms (idle-timeout %d ms)%n",
                    closedAfter.toMillis(), idle.toMillis());
            assertTrue(
                    closedAfter.compareTo(idle.minusMillis(500)) >= 0, "not before the idle timeout: " + closedAfter);

            // By now the WebSockets have been idle past the timeout too; pings kept them open.
            await("the live sockets to stay open through three idle timeouts")
                    .during(idle.multipliedBy(3))
                    .atMost(idle.multipliedBy(5))
                    .until(() -> !plugin.isClosed() && !browser.isClosed());
            plugin.send(Frames.chat("Dusk", "after the quiet"));
            browser.awaitJson(j ->
                    Frames.isEvent(j, "chat", "Dusk") && j.path("text").asText().equals("after the quiet"));
            assertFalse(plugin.isClosed());
        }
    }

    private static long refused(RunningServer overlord) {
        return overlord.server().metrics().value("overlord_http_connections_refused_total");
    }
}
