package dev.overlord.inventory.suit;

/** Receives a running search's news, on the search's own thread. */
public interface SuitListener {

    /** Called at least every {@link SuitSearch#PROGRESS_EVERY_MS} ms while searching. */
    void progress(long checked, long elapsedMs, Long bestScore);

    /** A suit that entered the best list at {@code rank} (1 = best); lower ranks shift down. */
    void result(int rank, Suit suit);

    /** A listener that ignores everything. */
    SuitListener NONE = new SuitListener() {
        @Override
        public void progress(long checked, long elapsedMs, Long bestScore) {}

        @Override
        public void result(int rank, Suit suit) {}
    };
}
