package dev.overlord.protocol;

import java.time.Instant;

/**
 * How long or how large a plugin's field may be: each bound is the column the field ends up in
 * (see the history migrations) or a range no game value leaves. A frame that breaks one is
 * refused at parse time ({@link ParseResult.Reason#OUT_OF_BOUNDS}), so no journaled event can
 * carry a value its read model cannot write.
 */
public final class FieldBounds {
    private FieldBounds() {}

    /** {@code character_name}: every table's {@code character_name VARCHAR(64)}. */
    public static final int CHARACTER_NAME = 64;

    /** A rare's, portal's or mob's name: {@code rare_events.name}, {@code portals.portal_name}, {@code spawn_events.mob}. */
    public static final int THING_NAME = 128;

    /** {@code session_id VARCHAR(64)} of telemetry, rares and combat sessions. */
    public static final int SESSION_ID = 64;

    /** {@code telemetry_events.vt_state VARCHAR(32)}. */
    public static final int VT_STATE = 32;

    /** Coordinates: the game's map spans about ±102; this leaves room for any z and keeps tenths an int. */
    public static final double COORDINATE = 1_000_000;

    /** Counters (kills, deaths, tapers): never negative; far above any character's, low enough that sums never overflow a BIGINT. */
    public static final double COUNTER = 1e15;

    /**
     * The earliest timestamp a frame may carry. The window is the columns' range rather than the
     * server's clock: {@code TIMESTAMPTZ} on PostgreSQL and H2 and Java's formatting all hold
     * 1970..9999, while replayed and test frames are legitimately dated far from "now".
     */
    public static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");

    /** The latest timestamp a frame may carry: the last instant of year 9999 (see {@link #EARLIEST}). */
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");
}
