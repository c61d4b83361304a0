package dev.overlord.persistence.journal;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.SnapshotCompleted;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;

/** An event-sourced stock list whose events and snapshots are Jackson-serialized records. */
final class Storeroom extends EventSourcedBehavior<Storeroom.Command, Storeroom.Event, Storeroom.Stock> {

    sealed interface Command {}

    record Record(Event event, ActorRef<Done> replyTo) implements Command {}

    record Get(ActorRef<Stock> replyTo) implements Command {}

    sealed interface Event extends JsonSerializable {}

    record ItemAdded(String item, int quantity, Instant at) implements Event {}

    record ItemRemoved(String item, int quantity) implements Event {}

    /** State and snapshot: quantities by item, sorted so equal stocks compare and print alike. */
    record Stock(TreeMap<String, Integer> items) implements JsonSerializable {
        Stock apply(Event e) {
            TreeMap<String, Integer> next = new TreeMap<>(items);
            switch (e) {
                case ItemAdded a -> next.merge(a.item(), a.quantity(), Integer::sum);
                case ItemRemoved r -> next.merge(r.item(), -r.quantity(), Integer::sum);
            }
            next.values().removeIf(q -> q == 0);
            return new Stock(next);
        }

        static Stock of(Map<String, Integer> items) {
            return new Stock(new TreeMap<>(items));
        }
    }

    private final ActorRef<Long> snapshots;

    private Storeroom(String id, ActorRef<Long> snapshots) {
        super(PersistenceId.ofUniqueId(id));
        this.snapshots = snapshots;
    }

    static Behavior<Command> create(String id, ActorRef<Long> snapshots) {
        return new Storeroom(id, snapshots);
    }

    @Override
    public Stock emptyState() {
        return new Stock(new TreeMap<>());
    }

    @Override
    public CommandHandler<Command, Event, Stock> commandHandler() {
        return newCommandHandlerBuilder()
                .forAnyState()
                .onCommand(
                        Record.class,
                        (state, r) -> Effect().persist(r.event()).thenReply(r.replyTo(), s -> Done.getInstance()))
                .onCommand(Get.class, (state, get) -> Effect().reply(get.replyTo(), state))
                .build();
    }

    @Override
    public EventHandler<Stock, Event> eventHandler() {
        return newEventHandlerBuilder().forAnyState().onAnyEvent(Stock::apply);
    }

    @Override
    public boolean shouldSnapshot(Stock state, Event event, long sequenceNr) {
        return sequenceNr == 2;
    }

    @Override
    public SignalHandler<Stock> signalHandler() {
        return newSignalHandlerBuilder()
                .onSignal(
                        SnapshotCompleted.class,
                        (state, done) -> snapshots.tell(done.metadata().sequenceNr()))
                .build();
    }
}
