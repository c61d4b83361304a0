package dev.overlord.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * What every plugin frame has: its type, the character it speaks for, its time, the parsed JSON
 * tree (unknown fields kept) and the JSON text to forward as is.
 *
 * @param text the frame's JSON, byte for byte as the plugin sent it unless the server had to add
 *     a missing timestamp
 */
public record FrameEnvelope(String type, String characterName, Instant timestamp, ObjectNode json, String text) {}
