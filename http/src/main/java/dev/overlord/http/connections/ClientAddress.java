package dev.overlord.http.connections;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.pekko.http.javadsl.model.AttributeKeys;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.RemoteAddress;

/**
 * Who a request comes from: the connection's own address, unless that address is one of the
 * configured reverse proxies ({@code OVERLORD_PROXIES}), in which case the last hop of
 * {@code X-Forwarded-For} (the one our proxy wrote). From anyone else {@code X-Forwarded-For} is
 * ignored: any client can write it. The login throttle, the trusted networks and the plugin socket
 * all ask here.
 */
public final class ClientAddress {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    private final List<InetAddress> proxies;

    public ClientAddress(List<InetAddress> proxies) {
        this.proxies = List.copyOf(proxies);
    }

    /** No proxies: always the connection's own address. */
    public static ClientAddress direct() {
        return new ClientAddress(List.of());
    }

    /** Reads {@code OVERLORD_PROXIES}-style addresses (IP literals only; names are refused, never looked up). */
    public static ClientAddress ofProxies(List<String> proxies) {
        return new ClientAddress(proxies.stream()
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .map(p -> literal(p)
                        .orElseThrow(() -> new IllegalArgumentException(
                                "overlord.auth.proxies (OVERLORD_PROXIES): not an IP address: " + p)))
                .toList());
    }

    public List<InetAddress> proxies() {
        return proxies;
    }

    /** The client's address, or empty when the connection's address is unknown. */
    public Optional<InetAddress> of(HttpRequest request) {
        Optional<InetAddress> peer =
                request.getAttribute(AttributeKeys.remoteAddress).flatMap(RemoteAddress::getAddress);
        if (peer.isEmpty() || !proxies.contains(peer.get())) return peer;
        String forwarded = null;
        for (HttpHeader h : request.getHeaders()) {
            if (h.is("x-forwarded-for")) forwarded = forwarded == null ? h.value() : forwarded + "," + h.value();
        }
        if (forwarded == null) return peer;
        String[] hops = forwarded.split(",");
        // The last hop is what our proxy saw; earlier ones are the client's to write.
        return literal(hops[hops.length - 1].trim()).or(() -> peer);
    }

    /** The client's address as text, {@code "unknown"} when there is none. */
    public String text(HttpRequest request) {
        return of(request).map(InetAddress::getHostAddress).orElse("unknown");
    }

    /** An IP literal as an address, without any name lookup. */
    public static Optional<InetAddress> literal(String s) {
        String t = s.startsWith("[") && s.endsWith("]") ? s.substring(1, s.length() - 1) : s;
        if (t.length() > 64) return Optional.empty();
        if (IPV4.matcher(t).matches()) {
            // An octet over 255 would make the JDK look the text up as a host name.
            for (String octet : t.split("\\.")) if (Integer.parseInt(octet) > 255) return Optional.empty();
        } else if (!IPV6.matcher(t).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(t));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
