package dev.overlord.session;

/** What a plugin session asks its socket to do; the HTTP layer turns these into WebSocket frames. */
public sealed interface SocketOut {

    /** Send a text message to the plugin. */
    record Text(String json) implements SocketOut {}

    /** Close the socket. */
    record Close(String reason) implements SocketOut {}
}
