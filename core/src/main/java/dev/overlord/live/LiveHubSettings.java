package dev.overlord.live;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * Sizes of the live hub's buffers.
 *
 * @param publishQueueSize events waiting to enter the hub; beyond it new events are dropped and
 *     counted rather than stalling a plugin
 * @param replayBufferSize how many recent events a reconnecting browser can catch up on
 * @param subscriberBufferSize events one browser may fall behind by before it is disconnected
 * @param onlineWindow how recently a character must have sent telemetry to count as online
 * @param dungeonMapsKept how many landblocks' latest dungeon maps are kept for requests
 * @param slowConsumerGrace how long a browser found too slow has to read the notice before its
 *     socket is torn down
 */
public record LiveHubSettings(
        int publishQueueSize,
        int replayBufferSize,
        int subscriberBufferSize,
        Duration onlineWindow,
        int dungeonMapsKept,
        Duration slowConsumerGrace) {

    public static LiveHubSettings from(Config c) {
        return new LiveHubSettings(
                c.getInt("publish-queue-size"),
                c.getInt("replay-buffer-size"),
                c.getInt("subscriber-buffer-size"),
                c.getDuration("online-window"),
                c.getInt("dungeon-maps-kept"),
                c.getDuration("slow-consumer-grace"));
    }

    public static LiveHubSettings defaults() {
        return new LiveHubSettings(16_384, 10_000, 2_048, Duration.ofSeconds(30), 2_000, Duration.ofSeconds(5));
    }
}
