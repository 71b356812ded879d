package io.temas.routing;

import io.temas.channels.Channels;
import io.temas.conversations.Conversation;
import io.temas.conversations.Conversations;
import io.temas.conversations.Workload;
import io.temas.shared.ChannelType;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Gives conversations to agents: among the queue's online agents with the required skills and
 * spare capacity on the channel, the one with the most spare capacity. When nobody qualifies the
 * conversation waits in the queue and is offered again when capacity frees up ({@link Assignment}).
 *
 * <p>People's decisions stand: a conversation someone took away from an agent by hand is not
 * offered back to that agent while anyone else who could take it (online in the queue, with the
 * skills and capacity on the channel) is online; it waits for them instead. One a person
 * unassigned is held out of automatic assignment ({@code temas.routing.unassign-hold}); when the
 * hold runs out it is offered like any waiting work. Both are checked by the database in the same
 * conditional update that gives the conversation ({@link Conversations#claim}).
 *
 * <p>Room goes to whoever has waited longest. Room a release frees is offered to the queue's waiting work once the
 * release commits; a conversation opened or joined in between would find it first. So room found for a conversation
 * that is not the oldest in its queue's line on its channel goes to the oldest one the agent may be given
 * ({@link Workload#nextInLine}), and this one waits its turn.
 *
 * <p>A plain bean, not a proxy: the pipeline calls it for every new conversation, and a proxy's call
 * goes through an interceptor chain and reflection (ARCHITECTURE.md, "Called directly").
 */
@Service
public class Assigner {

    private final Agents agents;
    private final Conversations conversations;
    private final Workload workload;
    private final RoutingSettings settings;
    private final Channels channels;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final ClaimsInFlight inFlight = new ClaimsInFlight();

    Assigner(Agents agents, Conversations conversations, Workload workload, RoutingSettings settings, Channels channels,
             TransactionTemplate transactions, Clock clock) {
        settings.check(channels);
        this.agents = agents;
        this.conversations = conversations;
        this.workload = workload;
        this.settings = settings;
        this.channels = channels;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * Assigns if someone qualifies; answers the agent. Candidates are ranked without locks, on their
     * committed loads less the room this node's uncommitted assignments have claimed ({@link ClaimsInFlight});
     * only the chosen agent's row is locked and its load counted again, so concurrent assignments never
     * overbook an agent and a full queue costs no lock at all. Runs in the caller's transaction, or
     * in one of its own when there is none.
     */
    public Optional<Agent> assign(Conversation conversation) {
        return assign(conversation, null);
    }

    /**
     * {@link #assign(Conversation)} in a transaction that keeps what it found of its queues ({@link FullQueues}): where none of
     * the same agents had room, nobody is asked again. Null: nothing kept.
     */
    public Optional<Agent> assign(Conversation conversation, FullQueues full) {
        if (conversation.queueId() == null || conversation.assigneeId() != null || channels.of(conversation.channel()).agentChosenByChannel()) {
            return Optional.empty();
        }
        return transactions.execute(status -> assign(conversation, agents.onlineInQueue(conversation.queueId()), full, false));
    }

    /**
     * For a conversation about to be opened in the queue: the agent to give it to, chosen and locked as {@link #assign}
     * does, so that it is inserted already assigned instead of inserted and then updated. Nobody can have taken, held or
     * given away a row that does not exist yet, which is all the conditional update of {@link #assign} guards against;
     * the caller publishes the assignment with the row ({@link Conversations#open(io.temas.conversations.NewConversation,
     * Conversations.Routed, Conversations.Opening)}). Runs only in the caller's transaction, which inserts the row: the
     * chosen agent's lock must last until that commits. Room found while someone the agent may be given waits in the queue
     * on the channel goes to the one who waited longest, and nobody is chosen for this conversation: it waits its turn.
     *
     * <p>The queue's latest promise on the channel comes with the choice when it was read with the agents' loads
     * ({@link Workload#loadsAndPromise}): the promise a conversation nobody takes is given comes from it. It is null when no
     * agent was looked at.
     */
    public ForNew chooseForNew(UUID queueId, ChannelType channel, List<String> skills) {
        return chooseForNew(queueId, channel, skills, null);
    }

    /**
     * {@link #chooseForNew(UUID, ChannelType, List)} for one of several conversations a transaction opens (a batch of the
     * inbound pipeline): where the transaction already found that none of the same agents had room on the channel, nobody is
     * chosen and the queue's latest promise is the one {@code full} keeps, without asking the database again. The caller
     * tells {@code full} of every change it makes to the queues meanwhile ({@link FullQueues}); null: nothing kept. With
     * {@code full}, the promise comes with the answer also when no agent qualifies (nobody online at night): the batch's
     * next openings need it too.
     */
    public ForNew chooseForNew(UUID queueId, ChannelType channel, List<String> skills, FullQueues full) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalTransactionStateException("chooseForNew runs inside the caller's transaction, and there is none");
        }
        if (queueId == null || channels.of(channel).agentChosenByChannel()) {
            return new ForNew(Optional.empty(), null);
        }
        List<Agent> online = agents.onlineInQueue(queueId);
        return pick(channel, skills, online, (candidate, qualified) -> givenToLongerWaiting(queueId, channel, candidate, online, null)
                ? Claim.LONGER_WAITING : Claim.GIVEN, queueId, true, full);
    }

    /**
     * What one transaction found of its queues where none of the qualified agents had room on a channel, and the queue's latest
     * promise there as it then stands: under a full queue, a batch's openings ask the database for the agents' loads and the
     * promise once instead of once each, a message joining a waiting conversation does not ask again who has room, and
     * neither does each waiting conversation an offer of the queue's waiting work walks ({@link Assignment#offerWaiting}).
     *
     * <p>What the transaction does itself never makes room where it found none: openings, messages reopening their
     * conversations and assignments only add to what agents hold, and a conversation it resolves or closes, which would, is
     * offered to whoever has room once it commits ({@code ConversationReleased}), oldest waiting first, as one another
     * transaction frees always was. The promise moves with what the transaction writes, so the holder says: {@link #opened}
     * for each conversation it opens (its promise is the queue's latest from then on, if later), {@link #promisesMoved} before a
     * message joins a conversation (reopened, acknowledged again), after which its queue's promise is read again.
     */
    public static final class FullQueues {

        /** The agents of a queue qualified for a conversation on a channel, with their capacities there. */
        private record Agents(UUID queueId, ChannelType channel, Map<UUID, Integer> capacities) {
        }

        /** A queue on a channel, whose latest promise is one for all its agents. */
        private record Promises(UUID queueId, ChannelType channel) {
        }

        /** Where nobody had room. */
        private final java.util.Set<Agents> noRoom = new java.util.HashSet<>();
        /** The latest promise of a queue on a channel, where the transaction read it (null: none). */
        private final Map<Promises, Instant> latest = new HashMap<>();

        /** A conversation this transaction opened in the queue on the channel, promised an answer by {@code promisedBy} (null: none). */
        public void opened(UUID queueId, ChannelType channel, Instant promisedBy) {
            Promises queue = new Promises(queueId, channel);
            if (promisedBy != null && latest.containsKey(queue)) {
                Instant was = latest.get(queue);
                if (was == null || promisedBy.isAfter(was)) {
                    latest.put(queue, promisedBy);
                }
            }
        }

        /**
         * The transaction is about to change a promise otherwise than by opening a conversation, of one in the queue (null:
         * none) on the channel: that queue's promise there is read again.
         */
        public void promisesMoved(UUID queueId, ChannelType channel) {
            latest.remove(new Promises(queueId, channel));
        }
    }

    /** The agent a new conversation is given to, if any, and the queue's latest promise if it was read on the way (else null). */
    public record ForNew(Optional<Agent> agent, Workload.Promised promised) {
    }

    /**
     * Assigns among these online agents of the conversation's queue (see {@link #assign(Conversation)}), in the caller's
     * transaction, keeping what it found of the queue in {@code full} (null: nothing kept). {@code inTurn}: the caller
     * offers the line oldest first, so nobody the agent may be given waits longer than this conversation.
     */
    Optional<Agent> assign(Conversation conversation, List<Agent> online, FullQueues full, boolean inTurn) {
        if (conversation.assigneeId() != null || channels.of(conversation.channel()).agentChosenByChannel()) {
            return Optional.empty();
        }
        return pick(conversation.channel(), conversation.requiredSkills(), online, (candidate, qualified) -> {
            if (!inTurn && givenToLongerWaiting(conversation.queueId(), conversation.channel(), candidate, online, conversation)) {
                return Claim.LONGER_WAITING;
            }
            if (conversations.claim(conversation, candidate.id(), qualified)) {
                return Claim.GIVEN;
            }
            // Still waiting: it was taken from this agent by hand, and someone else who could take it may be online (or another
            // transaction holds it, and the next candidate's claim passes it over as well).
            return conversations.offerable(conversation.id()) ? Claim.NEXT : Claim.STOP;
        }, conversation.queueId(), false, full).agent();
    }

    /**
     * Gives the room the candidate has, locked, to the conversation that has waited longest in the queue on the channel
     * among those the candidate may be given, if it came before {@code arriving} (null: one being opened, after all who
     * wait); answers whether it did.
     */
    private boolean givenToLongerWaiting(UUID queueId, ChannelType channel, Agent candidate, List<Agent> online, Conversation arriving) {
        Optional<Conversation> first = workload.nextInLine(queueId, channel, candidate.skills(), candidate.id(), clock.instant());
        if (first.isEmpty() || arriving != null && !first.get().createdAt().isBefore(arriving.createdAt())) {
            return false;
        }
        Conversation longer = first.get();
        List<UUID> qualified = online.stream().filter(a -> a.hasSkills(longer.requiredSkills()) && capacity(a, channel) > 0)
                .map(Agent::id).toList();
        return conversations.claim(longer, candidate.id(), qualified);
    }

    /** What giving the conversation to a locked candidate with room came to: the room went to it, to one who waited longer, or to nobody. */
    private enum Claim { GIVEN, LONGER_WAITING, NEXT, STOP }

    /**
     * Ranks the qualified agents of the queue by spare capacity and gives to the first one still online and with room, as the
     * claim says; with {@code promise}, the queue's latest promise is read with the loads and comes with the answer.
     */
    private ForNew pick(ChannelType channel, List<String> skills, List<Agent> online,
                        java.util.function.BiFunction<Agent, List<UUID>, Claim> claim, UUID queueId, boolean promise, FullQueues full) {
        List<Agent> qualified = online.stream()
                .filter(a -> a.hasSkills(skills) && capacity(a, channel) > 0).toList();
        if (qualified.isEmpty() && (full == null || !promise)) {
            return new ForNew(Optional.empty(), null);
        }
        Map<UUID, Integer> capacities = new HashMap<>();
        qualified.forEach(a -> capacities.put(a.id(), capacity(a, channel)));
        FullQueues.Agents key = full == null ? null : new FullQueues.Agents(queueId, channel, capacities);
        FullQueues.Promises queue = new FullQueues.Promises(queueId, channel);
        if (key != null && full.noRoom.contains(key)) {
            if (!promise) {
                return new ForNew(Optional.empty(), null);
            }
            Instant kept = full.latest.get(queue);
            if (kept == null && !full.latest.containsKey(queue)) {
                kept = workload.latestPromise(queueId, channel);
                full.latest.put(queue, kept);
            }
            return new ForNew(Optional.empty(), new Workload.Promised(kept));
        }
        Workload.Loads loads = promise ? workload.loadsAndPromise(capacities, channel, queueId)
                : new Workload.Loads(workload.loadUpTo(capacities, channel), null);
        Map<UUID, Integer> load = loads.held();
        // Read after the loads, so that no claim is counted both there and here (ClaimsInFlight).
        Map<UUID, Integer> spare = new HashMap<>();
        qualified.forEach(a -> spare.put(a.id(), spare(a, channel, load) - inFlight.byOthers(a.id(), channel)));
        List<Agent> ranked = qualified.stream()
                .filter(a -> spare.get(a.id()) > 0)
                .sorted(Comparator.<Agent>comparingInt(a -> spare.get(a.id())).reversed().thenComparing(Agent::id))
                .toList();
        if (key != null && ranked.isEmpty()) {
            full.noRoom.add(key);
            if (promise) {
                full.latest.put(queue, loads.promised().latest());
            }
        }
        if (ranked.isEmpty()) {
            return new ForNew(Optional.empty(), loads.promised());
        }
        // Counted as claimed while this transaction queues for the lock, so that the node's other lanes do not queue behind it
        // for the same room; moved to the agent it takes, or withdrawn if it takes none.
        UUID intended = ranked.getFirst().id();
        inFlight.claimed(intended, channel);
        agents.lockAssignments();
        List<UUID> qualifiedIds = qualified.stream().map(Agent::id).toList();
        Agent took = null;
        Claim outcome = Claim.NEXT;
        for (Agent candidate : ranked) {
            if (!agents.lockIfOnline(candidate.id())) {
                continue;
            }
            int capacity = capacities.get(candidate.id());
            int current = workload.loadUpTo(Map.of(candidate.id(), capacity), channel).getOrDefault(candidate.id(), 0);
            if (capacity - current > 0) {
                // Read without a lock: someone may have given it away or held it meanwhile, and that decision stands.
                outcome = claim.apply(candidate, qualifiedIds);
                if (outcome != Claim.NEXT) {
                    took = outcome == Claim.STOP ? null : candidate;
                    break;
                }
            }
        }
        if (took == null || !took.id().equals(intended)) {
            inFlight.withdrawn(intended, channel);
            if (took != null) {
                inFlight.claimed(took.id(), channel);
            }
        }
        return new ForNew(outcome == Claim.GIVEN ? Optional.of(took) : Optional.empty(), loads.promised());
    }

    private int spare(Agent agent, ChannelType channel, Map<UUID, Integer> load) {
        return capacity(agent, channel) - load.getOrDefault(agent.id(), 0);
    }

    public int capacity(Agent agent, ChannelType channel) {
        Integer own = agent.capacity().get(channel);
        return own != null ? own : settings.capacity(channels.of(channel));
    }
}
