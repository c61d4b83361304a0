package dev.overlord.protocol;

import java.time.Duration;
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

    /** Counters (kills, deaths, tapers): far above any character's, low enough that sums never overflow. */
    public static final double COUNTER = 1e15;

    /** The earliest timestamp a frame may carry: before the game's servers this plugin speaks for existed. */
    public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

    /**
     * How far ahead of the server's clock a frame's timestamp may be: a clock a little fast is
     * tolerated, a far-future one would order every later snapshot of its session as older.
     */
    public static final Duration AHEAD = Duration.ofDays(1);
}
