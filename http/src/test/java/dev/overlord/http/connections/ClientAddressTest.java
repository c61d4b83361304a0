package dev.overlord.http.connections;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import org.apache.pekko.http.javadsl.model.AttributeKeys;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.RemoteAddress;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.junit.jupiter.api.Test;

/** The client's address: X-Forwarded-For only from a configured proxy, and only its last hop. */
class ClientAddressTest {
    private final ClientAddress clients = ClientAddress.ofProxies(List.of("10.0.0.2", "::1"));

    private static HttpRequest from(String peer, String... forwarded) throws UnknownHostException {
        // withHeaders keeps the order given, as the wire does (addHeader would put each first).
        return HttpRequest.create("/")
                .withHeaders(Arrays.stream(forwarded)
                        .<HttpHeader>map(f -> RawHeader.create("X-Forwarded-For", f))
                        .toList())
                .addAttribute(AttributeKeys.remoteAddress, RemoteAddress.create(InetAddress.getByName(peer)));
    }

    @Test
    void aNonProxyIsItsOwnAddressWhateverItWrites() throws Exception {
        assertEquals("192.0.2.5", clients.text(from("192.0.2.5", "203.0.113.7")));
    }

    @Test
    void throughAProxyTheLastHopCounts() throws Exception {
        assertEquals("203.0.113.7", clients.text(from("10.0.0.2", "203.0.113.7")));
        assertEquals("198.51.100.1", clients.text(from("10.0.0.2", "203.0.113.7, 198.51.100.1")));
        assertEquals("198.51.100.1", clients.text(from("10.0.0.2", "203.0.113.7", "198.51.100.1")), "two headers");
        assertEquals("2001:db8:0:0:0:0:0:1", clients.text(from("::1", "[2001:db8::1]")));
    }

    @Test
    void aHopThatIsNotAnAddressLeavesTheProxysOwnNeverALookUp() throws Exception {
        assertEquals("10.0.0.2", clients.text(from("10.0.0.2", "evil.example")));
        assertEquals("10.0.0.2", clients.text(from("10.0.0.2", "999.1.1.1")));
        assertEquals("10.0.0.2", clients.text(from("10.0.0.2", "")));
        assertEquals("10.0.0.2", clients.text(from("10.0.0.2")), "no header: the proxy itself");
    }

    @Test
    void withoutAnAddressItIsUnknown() {
        assertEquals("unknown", clients.text(HttpRequest.create("/")));
    }
}
