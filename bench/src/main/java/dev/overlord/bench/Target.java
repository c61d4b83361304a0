package dev.overlord.bench;

/** A server under load: Overlord, or the bare relay it is compared with. */
public interface Target extends AutoCloseable {

    /** Short name for tables. */
    String name();

    /** {@code ws://127.0.0.1:PORT/ws/position?secret=...}. */
    String pluginUrl();

    /** {@code ws://127.0.0.1:PORT/ws/live}. */
    String liveUrl();

    int port();

    /** Plugin frames the server has accepted (read and, for Overlord, parsed and routed). */
    long framesIngested();

    /** Accepted frames that never reached the live feed (Overlord's hub drops when saturated). */
    long framesDropped();

    /** Plugin frames the server refused (parse errors and the like): should stay 0. */
    long framesRejected();

    /** Browsers the server has cut off for falling a whole buffer behind. */
    long slowConsumersCut();

    /** Browser feeds open now. */
    long liveSubscribers();

    /** Journal writes (one per persist of a frame's events) so far; 0 for a server without a journal. */
    default long journalWrites() {
        return 0;
    }

    /** Plugin sockets open now. */
    long pluginSockets();

    @Override
    void close();
}
