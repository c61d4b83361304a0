package dev.overlord.live;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * Sizes of the live hub's buffers.
 *
 * @param publishQueueSize events waiting to enter the hub; beyond it new events are dropped and
 *     counted rather than stalling a plugin
 * @param replayBufferSize how many recent events a reconnecting browser can catch up on
 * @param subscriberBufferSize events waiting for one browser beyond which it is thinned (only each
 *     character's newest telemetry and vitals kept)
 * @param onlineWindow how recently a character must have sent telemetry to count as online
 * @param dungeonMapsKept how many landblocks' latest dungeon maps are kept for requests
 * @param slowConsumerGrace how long a browser may read nothing while events wait before its socket
 *     is torn down (and how long one cut off has to read the notice)
 * @param publishQueueBytes text waiting to enter the hub, in characters of JSON; beyond it new
 *     events are dropped and counted like a full queue
 * @param replayBufferBytes text the replay ring may hold; the oldest events go first
 * @param dungeonMapsBytes text the dungeon-map cache may hold; the least recently used go first
 * @param forgetOfflineAfter a character silent this long is dropped from the fleet state
 * @param subscriberBufferBytes text that may wait for one browser, in characters of JSON; thinning
 *     bounds its telemetry and vitals, so discrete events reach it, and then the browser is cut off
 */
public record LiveHubSettings(
        int publishQueueSize,
        int replayBufferSize,
        int subscriberBufferSize,
        Duration onlineWindow,
        int dungeonMapsKept,
        Duration slowConsumerGrace,
        long publishQueueBytes,
        long replayBufferBytes,
        long dungeonMapsBytes,
        Duration forgetOfflineAfter,
        long subscriberBufferBytes) {

    public static final long DEFAULT_PUBLISH_QUEUE_BYTES = 64L << 20;
    public static final long DEFAULT_REPLAY_BUFFER_BYTES = 64L << 20;
    public static final long DEFAULT_DUNGEON_MAPS_BYTES = 64L << 20;
    public static final Duration DEFAULT_FORGET_OFFLINE_AFTER = Duration.ofHours(24);
    public static final long DEFAULT_SUBSCRIBER_BUFFER_BYTES = 16L << 20;

    public LiveHubSettings {
        // Plugin sessions register their characters again hourly; a shorter window would forget live ones.
        if (forgetOfflineAfter.compareTo(Duration.ofHours(2)) < 0) {
            throw new IllegalArgumentException(
                    "overlord.live.forget-offline-after must be at least 2 hours, not " + forgetOfflineAfter);
        }
    }

    /** Counts only, with the default byte budgets and offline window. */
    public LiveHubSettings(
            int publishQueueSize,
            int replayBufferSize,
            int subscriberBufferSize,
            Duration onlineWindow,
            int dungeonMapsKept,
            Duration slowConsumerGrace) {
        this(
                publishQueueSize,
                replayBufferSize,
                subscriberBufferSize,
                onlineWindow,
                dungeonMapsKept,
                slowConsumerGrace,
                DEFAULT_PUBLISH_QUEUE_BYTES,
                DEFAULT_REPLAY_BUFFER_BYTES,
                DEFAULT_DUNGEON_MAPS_BYTES,
                DEFAULT_FORGET_OFFLINE_AFTER,
                DEFAULT_SUBSCRIBER_BUFFER_BYTES);
    }

    public static LiveHubSettings from(Config c) {
        return new LiveHubSettings(
                c.getInt("publish-queue-size"),
                c.getInt("replay-buffer-size"),
                c.getInt("subscriber-buffer-size"),
                c.getDuration("online-window"),
                c.getInt("dungeon-maps-kept"),
                c.getDuration("slow-consumer-grace"),
                c.getBytes("publish-queue-bytes"),
                c.getBytes("replay-buffer-bytes"),
                c.getBytes("dungeon-maps-bytes"),
                c.getDuration("forget-offline-after"),
                c.getBytes("subscriber-buffer-bytes"));
    }

    public static LiveHubSettings defaults() {
        return new LiveHubSettings(16_384, 10_000, 2_048, Duration.ofSeconds(30), 2_000, Duration.ofSeconds(10));
    }
}
