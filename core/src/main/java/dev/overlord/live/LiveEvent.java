package dev.overlord.live;

/**
 * One event on the live feed: encoded once, its {@code text} goes unchanged to every subscriber
 * whose filter admits its type.
 *
 * @param seq the hub's sequence number, also written into the JSON as {@code "seq"}
 * @param text the JSON sent to browsers
 */
public record LiveEvent(long seq, String type, String characterName, String text) implements FeedItem {

    /** Writes {@code "seq":N} as the first field of a JSON object's text, without re-encoding it. */
    static String withSeq(long seq, String json) {
        int brace = json.indexOf('{');
        if (brace < 0) throw new IllegalArgumentException("not a JSON object");
        String rest = json.substring(brace + 1).stripLeading();
        String head = "{\"seq\":" + seq;
        return rest.startsWith("}") ? head + rest : head + "," + rest;
    }
}
