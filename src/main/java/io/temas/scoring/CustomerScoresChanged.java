package io.temas.scoring;

import java.util.List;
import java.util.UUID;

/**
 * Recomputation changed these customers' scores or raised or cleared one of their alerts; published in
 * the transaction that stored the results (so a listener deferring to the commit sees them).
 */
public record CustomerScoresChanged(List<UUID> customerIds) {
}
