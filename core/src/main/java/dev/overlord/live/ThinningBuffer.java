package dev.overlord.live;

import dev.overlord.protocol.FrameTypes;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.pekko.stream.Attributes;
import org.apache.pekko.stream.BufferOverflowException;
import org.apache.pekko.stream.FlowShape;
import org.apache.pekko.stream.Inlet;
import org.apache.pekko.stream.Outlet;
import org.apache.pekko.stream.stage.AbstractInHandler;
import org.apache.pekko.stream.stage.AbstractOutHandler;
import org.apache.pekko.stream.stage.GraphStage;
import org.apache.pekko.stream.stage.GraphStageLogic;

/**
 * One subscriber's backlog: thinned when it lags, cut off only when its discrete events outgrow a
 * byte budget.
 *
 * <p>While the subscriber keeps up, every admitted event passes in order. Once more than {@code
 * thinAfter} events wait (or half the byte budget), the subscriber is thinning: a character's
 * telemetry or vitals replaces that character's older one still waiting (the newest goes to the
 * back of the line, so the order of what remains is the hub's order), while discrete events (chat,
 * rares, alerts, commands' answers, inventory deltas ...) all stay, in order. Thinning is announced
 * ahead of the backlog ({@link FeedItem.Thinning} on) and ends, announced again with the count of
 * events left out, when the backlog is gone. Latest-state events are bounded by the fleet, so only
 * discrete ones can outgrow {@code maxBytes}: then the stage fails with a {@link
 * BufferOverflowException} and the subscriber is cut off.
 */
final class ThinningBuffer extends GraphStage<FlowShape<LiveEvent, FeedItem>> {

    /** What thinning reports to the hub: when an episode starts, ends, and each event left out. */
    interface Listener {
        void started();

        void ended();

        void leftOut();
    }

    private final Inlet<LiveEvent> in = Inlet.create("ThinningBuffer.in");
    private final Outlet<FeedItem> out = Outlet.create("ThinningBuffer.out");
    private final FlowShape<LiveEvent, FeedItem> shape = FlowShape.of(in, out);
    private final int thinAfter;
    private final long maxBytes;
    private final Listener listener;

    /**
     * @param thinAfter events waiting beyond which the subscriber is thinned
     * @param maxBytes characters of JSON text that may wait; beyond it the stage fails
     */
    ThinningBuffer(int thinAfter, long maxBytes, Listener listener) {
        if (thinAfter < 1 || maxBytes < 1) throw new IllegalArgumentException("bounds must be positive");
        this.thinAfter = thinAfter;
        this.maxBytes = maxBytes;
        this.listener = listener;
    }

    /** Telemetry and vitals: only a character's newest matters to a live map. */
    static boolean latestOnly(LiveEvent e) {
        return e.characterName() != null
                && (FrameTypes.TELEMETRY.equals(e.type()) || FrameTypes.VITALS.equals(e.type()));
    }

    /** The key a thinned latest-state event waits under: one per type and character. */
    private record Latest(String type, String characterName) {}

    @Override
    public FlowShape<LiveEvent, FeedItem> shape() {
        return shape;
    }

    @Override
    public GraphStageLogic createLogic(Attributes inheritedAttributes) {
        return new GraphStageLogic(shape) {
            // Keys: a running count, or a Latest while thinning. Insertion order is the hub's order.
            private LinkedHashMap<Object, LiveEvent> waiting = new LinkedHashMap<>();
            private long arrivals;
            private long bytes;
            private boolean thinning;
            private long leftOut;
            private FeedItem.Thinning notice;

            {
                setHandler(in, new AbstractInHandler() {
                    @Override
                    public void onPush() {
                        LiveEvent e = grab(in);
                        hold(e);
                        if (bytes > maxBytes) {
                            failStage(new BufferOverflowException("its discrete events outgrew " + maxBytes + " bytes ("
                                    + waiting.size() + " events waiting)"));
                            return;
                        }
                        if (isAvailable(out)) pushNext();
                        pull(in);
                    }

                    @Override
                    public void onUpstreamFinish() {
                        if (nothingLeft()) completeStage();
                    }
                });
                setHandler(out, new AbstractOutHandler() {
                    @Override
                    public void onPull() {
                        if (!nothingLeft()) pushNext();
                        if (isClosed(in) && nothingLeft()) completeStage();
                    }
                });
            }

            @Override
            public void preStart() {
                pull(in);
            }

            @Override
            public void postStop() {
                if (thinning) listener.ended();
                thinning = false;
            }

            private void hold(LiveEvent e) {
                place(waiting, e);
                bytes += e.text().length();
                if (!thinning && (waiting.size() > thinAfter || bytes > maxBytes / 2)) startThinning();
            }

            /** Puts {@code e} at the back of {@code line}; while thinning, in place of its character's older one. */
            private void place(LinkedHashMap<Object, LiveEvent> line, LiveEvent e) {
                if (thinning && latestOnly(e)) {
                    Latest key = new Latest(e.type(), e.characterName());
                    LiveEvent older = line.remove(key);
                    if (older != null) supersede(older);
                    line.put(key, e);
                } else {
                    line.put(arrivals++, e);
                }
            }

            /** Keys what waits by character from now on, keeping only the newest of each. */
            private void startThinning() {
                thinning = true;
                listener.started();
                LinkedHashMap<Object, LiveEvent> thinned = new LinkedHashMap<>();
                for (LiveEvent e : waiting.values()) place(thinned, e);
                waiting = thinned;
                // Said first, ahead of the backlog it is about.
                notice = new FeedItem.Thinning(true, 0);
            }

            private void supersede(LiveEvent older) {
                bytes -= older.text().length();
                leftOut++;
                listener.leftOut();
            }

            private boolean nothingLeft() {
                return notice == null && waiting.isEmpty();
            }

            private void pushNext() {
                if (notice != null) {
                    FeedItem.Thinning n = notice;
                    notice = null;
                    push(out, n);
                    return;
                }
                Iterator<Map.Entry<Object, LiveEvent>> first =
                        waiting.entrySet().iterator();
                LiveEvent e = first.next().getValue();
                first.remove();
                bytes -= e.text().length();
                push(out, e);
                if (thinning && waiting.isEmpty()) {
                    thinning = false;
                    listener.ended();
                    notice = new FeedItem.Thinning(false, leftOut);
                    leftOut = 0;
                }
            }
        };
    }
}
