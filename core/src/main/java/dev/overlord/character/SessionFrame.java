package dev.overlord.character;

import dev.overlord.protocol.PluginFrame;

/**
 * A frame and the plugin session (the socket) it came over.
 *
 * @param sessionId the server's id of that socket, which the character is online in
 */
record SessionFrame(String sessionId, PluginFrame frame) {

    /**
     * The plugin's own session id when the frame reports one, else this socket's: counters and
     * combat snapshots count within the plugin's session, which may span sockets.
     */
    String pluginSession(String reported) {
        return reported == null || reported.isBlank() ? sessionId : reported;
    }
}
