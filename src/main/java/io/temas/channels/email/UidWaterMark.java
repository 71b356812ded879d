package io.temas.channels.email;

import java.util.Collection;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * The highest UID of a mailbox below which every message of the current fetch is done
 * (committed, or quarantined), while messages are done in any order by several workers. A
 * message that is not done, because it failed or is still being handed over, holds the mark
 * below it however many later messages are done; after a crash the fetcher starts again above
 * the mark, so nothing below it is read again and nothing above it is lost.
 *
 * <p>Only the fetch's own candidates count: UIDs between them (expunged messages, or mail a
 * person had read before the first fetch) never hold the mark, since new mail always gets a UID
 * above every UID the server has handed out.
 */
final class UidWaterMark {

    private final NavigableSet<Long> open = new TreeSet<>();
    private long mark;
    private long highest;

    /**
     * @param mark       where the mailbox stood before this fetch
     * @param candidates the UIDs this fetch is to take, all above {@code mark}
     */
    UidWaterMark(long mark, Collection<Long> candidates) {
        this.mark = mark;
        this.highest = mark;
        for (long uid : candidates) {
            if (uid <= mark) {
                throw new IllegalArgumentException("UID " + uid + " is not above the mark " + mark);
            }
            open.add(uid);
            highest = Math.max(highest, uid);
        }
    }

    /** Records that a message is done; answers the mark, which moves only when this closes the lowest gap. */
    synchronized long done(long uid) {
        open.remove(uid);
        mark = open.isEmpty() ? highest : Math.max(mark, open.first() - 1);
        return mark;
    }

    synchronized long mark() {
        return mark;
    }

    /** Whether every candidate is done. */
    synchronized boolean complete() {
        return open.isEmpty();
    }
}
