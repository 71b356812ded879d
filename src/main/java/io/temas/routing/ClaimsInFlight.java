package io.temas.routing;

import io.temas.platform.TransactionBound;
import io.temas.shared.ChannelType;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The room this node's transactions have claimed, or are queueing for automatic assignment's lock to claim
 * ({@link Agents#lockAssignments}), and have not committed. Agents' loads read without the lock count committed work only,
 * so while the holder's batch runs, every lane that reads them still sees the room the holder took (or is about to take),
 * and would queue for the lock to find, once the holder commits, that there is none. Counted here, that room is not seen,
 * and one lane of the node queues for a room where all of them did.
 *
 * <p>A claim is counted from when its transaction asks for the lock until just before the transaction ends; one the
 * transaction did not make after all (the agent had no room once counted under the lock) is withdrawn then. Never counted
 * after the commit: a reader would then find it both in the loads and here, and leave room unused that is there; ended a
 * moment before, a reader finds it in neither and only queues for the lock, as it did before this count, and the lock's
 * count of the load is the one that decides. A transaction's own claims are in the loads it reads, and are not counted for
 * it again. Room a claim does not take after all (withdrawn, or rolled back) is not offered to those who passed it over
 * meanwhile: a batch of the pipeline retries its messages, which makes the same choice again, and the offer of every staffed
 * queue reaches the rest ({@code temas.routing.offer-interval}). Other nodes' claims are not counted here; their lanes
 * queue for the lock.
 */
final class ClaimsInFlight {

    /** An agent's room on a channel. */
    private record Room(UUID agentId, ChannelType channel) {
    }

    private final ConcurrentHashMap<Room, Integer> claimed = new ConcurrentHashMap<>();
    /** The current transaction's claims, ended just before it commits or rolls back. */
    private final TransactionBound<Map<Room, Integer>> own = new TransactionBound<>(HashMap::new, null, this::ended);

    /** Counts a claim of the agent's room on the channel by the current transaction until it ends; nothing when there is none. */
    void claimed(UUID agentId, ChannelType channel) {
        Map<Room, Integer> mine = own.currentOrNew();
        if (mine == null) {
            return;
        }
        Room room = new Room(agentId, channel);
        claimed.merge(room, 1, Integer::sum);
        mine.merge(room, 1, Integer::sum);
    }

    /** Takes back a claim the current transaction counted ({@link #claimed}) and did not make after all. */
    void withdrawn(UUID agentId, ChannelType channel) {
        Map<Room, Integer> mine = own.current();
        Room room = new Room(agentId, channel);
        if (mine != null && mine.getOrDefault(room, 0) > 0) {
            mine.computeIfPresent(room, (r, n) -> n == 1 ? null : n - 1);
            claimed.computeIfPresent(room, (r, all) -> all == 1 ? null : all - 1);
        }
    }

    /** Claims of the agent's room on the channel by this node's other transactions that have not ended. */
    int byOthers(UUID agentId, ChannelType channel) {
        Room room = new Room(agentId, channel);
        int all = claimed.getOrDefault(room, 0);
        if (all == 0) {
            return 0;
        }
        Map<Room, Integer> mine = own.current();
        return all - (mine == null ? 0 : mine.getOrDefault(room, 0));
    }

    /** A transaction's claims end with it. */
    private void ended(Map<Room, Integer> claims) {
        claims.forEach((room, n) -> claimed.computeIfPresent(room, (r, all) -> all == n ? null : all - n));
        claims.clear();
    }
}
