package dev.overlord.persistence.portals;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * How long a portal is listed and kept after it was last seen, and how often older ones are
 * deleted: {@code overlord.portals { keep-for, expire-every }}, defaults in reference.conf. The
 * same {@code keepFor} drives {@code GET /portals} and {@link PortalExpiry}.
 */
public record PortalSettings(Duration keepFor, Duration expireEvery) {

    public PortalSettings {
        if (keepFor.isNegative() || keepFor.isZero()) throw new IllegalArgumentException("keep-for must be positive");
        if (expireEvery.isNegative() || expireEvery.isZero())
            throw new IllegalArgumentException("expire-every must be positive");
    }

    public static PortalSettings from(Config config) {
        Config c = config.getConfig("overlord.portals");
        return new PortalSettings(c.getDuration("keep-for"), c.getDuration("expire-every"));
    }
}
