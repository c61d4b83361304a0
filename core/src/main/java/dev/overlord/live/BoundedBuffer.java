package dev.overlord.live;

import java.util.ArrayDeque;
import java.util.function.ToLongFunction;
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
 * A buffer bounded by count and by weight (bytes of text) that fails with a
 * {@link BufferOverflowException} when either bound would be passed: Pekko's own {@code buffer}
 * counts elements only, and a browser behind by 2,048 inventories of 8 MiB each would pin gigabytes.
 */
final class BoundedBuffer<T> extends GraphStage<FlowShape<T, T>> {
    private final Inlet<T> in = Inlet.create("BoundedBuffer.in");
    private final Outlet<T> out = Outlet.create("BoundedBuffer.out");
    private final FlowShape<T, T> shape = FlowShape.of(in, out);
    private final int maxCount;
    private final long maxWeight;
    private final ToLongFunction<T> weight;

    BoundedBuffer(int maxCount, long maxWeight, ToLongFunction<T> weight) {
        if (maxCount < 1 || maxWeight < 1) throw new IllegalArgumentException("bounds must be positive");
        this.maxCount = maxCount;
        this.maxWeight = maxWeight;
        this.weight = weight;
    }

    @Override
    public FlowShape<T, T> shape() {
        return shape;
    }

    @Override
    public GraphStageLogic createLogic(Attributes inheritedAttributes) {
        return new GraphStageLogic(shape) {
            private final ArrayDeque<T> queue = new ArrayDeque<>();
            private long held;

            {
                setHandler(in, new AbstractInHandler() {
                    @Override
                    public void onPush() {
                        T element = grab(in);
                        long w = weight.applyAsLong(element);
                        if (queue.size() >= maxCount || held + w > maxWeight) {
                            failStage(new BufferOverflowException(
                                    "fell more than " + maxCount + " events or " + maxWeight + " bytes behind"));
                            return;
                        }
                        queue.addLast(element);
                        held += w;
                        if (isAvailable(out)) pushNext();
                        pull(in);
                    }

                    @Override
                    public void onUpstreamFinish() {
                        if (queue.isEmpty()) completeStage();
                    }
                });
                setHandler(out, new AbstractOutHandler() {
                    @Override
                    public void onPull() {
                        if (!queue.isEmpty()) pushNext();
                        if (isClosed(in) && queue.isEmpty()) completeStage();
                    }
                });
            }

            @Override
            public void preStart() {
                pull(in);
            }

            private void pushNext() {
                T element = queue.pollFirst();
                held -= weight.applyAsLong(element);
                push(out, element);
            }
        };
    }
}
