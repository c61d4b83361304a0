package dev.overlord.persistence.journal;

/** Marker for test messages bound to Pekko's {@code jackson-json} serializer, the style Overlord uses. */
public interface JsonSerializable {}
