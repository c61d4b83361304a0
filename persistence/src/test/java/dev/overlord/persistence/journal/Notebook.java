package dev.overlord.persistence.journal;

import java.util.Set;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.SnapshotCompleted;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;

/**
 * A tiny event-sourced actor for journal tests: events are lines (Strings), state is the lines
 * joined with commas, and it snapshots after every third event.
 */
final class Notebook extends EventSourcedBehavior<Notebook.Command, String, String> {

    static final String TAG = "notebook";

    sealed interface Command {}

    record Add(String line, ActorRef<Done> replyTo) implements Command {}

    record Get(ActorRef<String> replyTo) implements Command {}

    private final ActorRef<Long> snapshots;

    private Notebook(String id, ActorRef<Long> snapshots) {
        super(PersistenceId.ofUniqueId(id));
        this.snapshots = snapshots;
    }

    /** {@code snapshots} receives the sequence number of every snapshot saved. */
    static Behavior<Command> create(String id, ActorRef<Long> snapshots) {
        return new Notebook(id, snapshots);
    }

    @Override
    public String emptyState() {
        return "";
    }

    @Override
    public CommandHandler<Command, String, String> commandHandler() {
        return newCommandHandlerBuilder()
                .forAnyState()
                .onCommand(
                        Add.class,
                        (state, add) -> Effect().persist(add.line()).thenReply(add.replyTo(), s -> Done.getInstance()))
                .onCommand(Get.class, (state, get) -> Effect().reply(get.replyTo(), state))
                .build();
    }

    @Override
    public EventHandler<String, String> eventHandler() {
        return newEventHandlerBuilder()
                .forAnyState()
                .onAnyEvent((state, line) -> state.isEmpty() ? line : state + "," + line);
    }

    @Override
    public boolean shouldSnapshot(String state, String event, long sequenceNr) {
        return sequenceNr % 3 == 0;
    }

    /**
     * Every line is tagged {@value #TAG} and {@code line-<line>}, so a test can find each event by
     * its own tag; a line starting {@code untagged} has no tags at all.
     */
    @Override
    public Set<String> tagsFor(String event) {
        return event.startsWith("untagged") ? Set.of() : Set.of(TAG, "line-" + event);
    }

    @Override
    public SignalHandler<String> signalHandler() {
        return newSignalHandlerBuilder()
                .onSignal(
                        SnapshotCompleted.class,
                        (state, done) -> snapshots.tell(done.metadata().sequenceNr()))
                .build();
    }
}
