package dev.overlord.live;

/**
 * What one subscriber's feed carries before its gap filler: a marker that it has joined the hub,
 * then the hub's events.
 */
sealed interface FeedItem permits FeedItem.Joined, LiveEvent {

    /** The subscriber has joined: time to catch up from its last seen sequence number. */
    enum Joined implements FeedItem {
        INSTANCE
    }
}
