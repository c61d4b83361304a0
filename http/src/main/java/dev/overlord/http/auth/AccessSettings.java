package dev.overlord.http.auth;

import com.typesafe.config.Config;
import dev.overlord.http.connections.ClientAddress;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Who may reach the server from where, read once from {@code overlord.auth}: the public origins a
 * browser may come from, the reverse proxies whose {@code X-Forwarded-For} is believed, and how the
 * read API is opened in prod.
 *
 * @param publicOrigins origins browsers use to reach this server ({@code OVERLORD_PUBLIC_ORIGIN},
 *     comma-separated) plus the older {@code allowed-origins} list; loopback on the server's own
 *     port is always allowed besides
 * @param proxies addresses of reverse proxies ({@code OVERLORD_PROXIES}, comma-separated)
 * @param apiToken a bearer token for the read API ({@code OVERLORD_API_TOKEN}); empty for none
 * @param publicReadApi the read API needs no login even in prod ({@code OVERLORD_PUBLIC_READ_API=on})
 */
public record AccessSettings(List<String> publicOrigins, List<String> proxies, String apiToken, boolean publicReadApi) {

    public static AccessSettings from(Config root) {
        Config c = root.getConfig("overlord.auth");
        List<String> origins = new ArrayList<>(commaList(c.getString("public-origins")));
        origins.addAll(c.getStringList("allowed-origins"));
        String open = c.getString("public-read-api").trim().toLowerCase();
        boolean publicRead = switch (open) {
            case "on", "true", "yes", "1" -> true;
            case "off", "false", "no", "0", "" -> false;
            default ->
                throw new IllegalArgumentException(
                        "overlord.auth.public-read-api (OVERLORD_PUBLIC_READ_API) must be on or off, not '" + open
                                + "'");
        };
        return new AccessSettings(
                List.copyOf(origins),
                commaList(c.getString("proxies")),
                c.getString("api-token").trim(),
                publicRead);
    }

    /** Shortest API token that is not warned about (as for SECRET_KEY, 32 bytes). */
    static final int MIN_TOKEN_BYTES = 32;

    /**
     * What an operator would regret not knowing at start-up: a trusted network that holds a proxy
     * (a request reaching the proxy without X-Forwarded-For would skip login), no public origin in
     * prod, an opened read API, a short API token.
     */
    public List<String> warnings(boolean prod, ClientAddress clients, TrustedNetworks trusted) {
        List<String> w = new ArrayList<>();
        for (InetAddress proxy : clients.proxies()) {
            if (trusted.contains(proxy)) {
                w.add("trusted networks contain the proxy " + proxy.getHostAddress()
                        + ": a request that reaches it without X-Forwarded-For skips login; list only"
                        + " client networks in overlord.auth.trusted-networks");
            }
        }
        if (prod && publicOrigins.isEmpty()) {
            w.add("OVERLORD_PUBLIC_ORIGIN is not set: browsers can log in only through http://localhost or"
                    + " http://127.0.0.1 on this server's port");
        }
        if (prod && publicReadApi) w.add("OVERLORD_PUBLIC_READ_API=on: the read API and /metrics answer anyone");
        if (!apiToken.isEmpty() && apiToken.getBytes(StandardCharsets.UTF_8).length < MIN_TOKEN_BYTES) {
            w.add("OVERLORD_API_TOKEN is shorter than " + MIN_TOKEN_BYTES
                    + " bytes; make one with: openssl rand -base64 48");
        }
        return w;
    }

    static List<String> commaList(String s) {
        return Arrays.stream(s.split(","))
                .map(String::trim)
                .filter(x -> !x.isEmpty())
                .toList();
    }

    @Override
    public String toString() {
        // The token never reaches a log line.
        return "AccessSettings[publicOrigins=" + publicOrigins + ", proxies=" + proxies + ", apiToken="
                + (apiToken.isEmpty() ? "none" : "set") + ", publicReadApi=" + publicReadApi + "]";
    }
}
