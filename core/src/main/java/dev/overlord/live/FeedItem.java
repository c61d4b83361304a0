package dev.overlord.live;

/**
 * What one subscriber's feed carries before its gap filler: a marker that it has joined the hub,
 * the hub's events, and word that its backlog is being thinned or no longer is.
 */
sealed interface FeedItem permits FeedItem.Joined, FeedItem.Thinning, LiveEvent {

    /** The subscriber has joined: time to catch up from its last seen sequence number. */
    enum Joined implements FeedItem {
        INSTANCE
    }

    /**
     * The subscriber lags and only each character's newest telemetry and vitals are sent ({@code
     * on}), or it has caught up ({@code on} false, with how many events were left out meanwhile).
     */
    record Thinning(boolean on, long leftOut) implements FeedItem {
        String json() {
            return on
                    ? "{\"type\":\"thinning\",\"active\":true,\"reason\":\"this browser is behind: only each"
                            + " character's newest telemetry and vitals are sent until it catches up\"}"
                    : "{\"type\":\"thinning\",\"active\":false,\"left_out\":" + leftOut + "}";
        }
    }
}
