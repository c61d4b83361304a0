package dev.overlord.http.server;

import com.typesafe.config.Config;
import dev.overlord.http.simulator.SimulatorEvents;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The server's own settings, read once from {@code overlord.*}.
 *
 * @param sharedSecret empty when not configured (dev mode then generates one)
 * @param secretKey empty when not configured (dev mode then generates one)
 */
public record ServerSettings(
        boolean prod,
        String host,
        int port,
        Path dataDir,
        String version,
        String sharedSecret,
        String secretKey,
        String adminPassword,
        PluginSettings plugin,
        BrowserSettings browser,
        AuthSettings auth,
        SimulatorSettings simulator) {

    /** Limits on {@code /ws/position}. */
    public record PluginSettings(long maxMessageBytes, Duration messageTimeout) {}

    /** Limits on {@code /ws/live}. */
    public record BrowserSettings(long maxMessageBytes, Duration commandTimeout) {}

    /** Session cookies, origins and trusted networks. */
    public record AuthSettings(
            String cookieName, Duration sessionTtl, List<String> allowedOrigins, List<String> trustedNetworks) {}

    /** The demo simulator. */
    public record SimulatorSettings(boolean enabled, int characters, Duration telemetryEvery, SimulatorEvents events) {}

    public static ServerSettings from(Config root) {
        Config c = root.getConfig("overlord");
        boolean prod = switch (c.getString("mode").trim().toLowerCase()) {
            case "prod", "production" -> true;
            case "dev", "development" -> false;
            default ->
                throw new IllegalArgumentException(
                        "overlord.mode (OVERLORD_MODE) must be dev or prod, not '" + c.getString("mode") + "'");
        };
        String sim = c.getString("simulator.enabled").trim().toLowerCase();
        boolean simOn = switch (sim) {
            case "auto" -> !prod;
            case "on", "true", "yes", "1" -> true;
            case "off", "false", "no", "0" -> false;
            default ->
                throw new IllegalArgumentException(
                        "overlord.simulator.enabled (OVERLORD_SIMULATOR) must be on, off or auto");
        };
        return new ServerSettings(
                prod,
                host(c.getString("http.host"), prod),
                c.getInt("http.port"),
                Path.of(c.getString("data-dir")),
                c.getString("version"),
                c.getString("shared-secret"),
                c.getString("secret-key"),
                c.getString("admin-password"),
                new PluginSettings(c.getBytes("plugin.max-message-size"), c.getDuration("plugin.message-timeout")),
                new BrowserSettings(c.getBytes("browser.max-message-size"), c.getDuration("browser.command-timeout")),
                new AuthSettings(
                        c.getString("auth.cookie-name"),
                        c.getDuration("auth.session-ttl"),
                        c.getStringList("auth.allowed-origins"),
                        c.getStringList("auth.trusted-networks")),
                new SimulatorSettings(
                        simOn,
                        c.getInt("simulator.characters"),
                        c.getDuration("simulator.telemetry-every"),
                        SimulatorEvents.from(c.getConfig("simulator.events"))));
    }

    /** Blank: every interface in prod, loopback only in dev (the read API is open there). */
    static String host(String configured, boolean prod) {
        if (!configured.isBlank()) return configured.trim();
        return prod ? "0.0.0.0" : "127.0.0.1";
    }

    @Override
    public String toString() {
        // Secrets never reach a log line.
        return "ServerSettings[prod=" + prod + ", host=" + host + ", port=" + port + ", dataDir=" + dataDir
                + ", simulator=" + simulator + "]";
    }
}
