package dev.overlord.http.inventory;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * The suitbuilder's limits, from {@code overlord.inventory.suitbuilder}.
 *
 * @param maxConcurrent searches running at once; more are answered 429
 * @param retryAfter what a refused client is told to wait
 * @param keepAlive how often an idle event stream gets a heartbeat
 */
public record SuitbuilderSettings(int maxConcurrent, Duration retryAfter, Duration keepAlive) {
    /** The dispatcher searches (and the item reads they start with) run on. */
    public static final String DISPATCHER = "overlord-suitbuilder-dispatcher";

    public static SuitbuilderSettings from(Config config) {
        Config c = config.getConfig("overlord.inventory.suitbuilder");
        return new SuitbuilderSettings(
                c.getInt("max-concurrent"), c.getDuration("retry-after"), c.getDuration("keep-alive"));
    }
}
