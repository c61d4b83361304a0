package dev.overlord.protocol;

/** The outcome of parsing one text message from a plugin: a frame, or a reason to drop it. */
public sealed interface ParseResult {

    record Parsed(PluginFrame frame) implements ParseResult {}

    /**
     * @param reason a short stable label, used as the metrics label
     * @param detail one line for the log and for the error sent back; never the payload
     */
    record Rejected(Reason reason, String detail) implements ParseResult {}

    /** Why a frame was dropped. */
    enum Reason {
        MALFORMED_JSON("malformed_json"),
        NOT_AN_OBJECT("not_an_object"),
        MISSING_TYPE("missing_type"),
        MISSING_CHARACTER("missing_character_name"),
        BAD_FIELD("bad_field"),
        /** A field of the right kind beyond its bound ({@link FieldBounds}): too long, unprintable, out of range. */
        OUT_OF_BOUNDS("out_of_bounds"),
        TOO_BIG("too_big"),
        BINARY("binary"),
        TIMEOUT("timeout"),
        /** A type only the server sends on the live feed (an alert): a plugin may not forge one. */
        RESERVED_TYPE("reserved_type"),
        /** The session's plugin token does not cover the frame's character. */
        NOT_ALLOWED("character_not_allowed");

        private final String label;

        Reason(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
