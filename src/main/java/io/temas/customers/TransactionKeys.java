package io.temas.customers;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Keys noted for one transaction: seen only by that transaction (the connection that holds it, so a transaction started
 * inside it sees none of them) and forgotten when it ends. Outside a transaction nothing is noted.
 */
final class TransactionKeys {

    /** The keys, and the transaction (its connection holder) they were noted in. */
    private record Noted(Object transaction, Set<String> keys) {
    }

    private final String name;
    private final DataSource dataSource;

    TransactionKeys(String name, DataSource dataSource) {
        this.name = TransactionKeys.class.getName() + "." + name;
        this.dataSource = dataSource;
    }

    void add(Collection<String> keys) {
        Object transaction = TransactionSynchronizationManager.getResource(dataSource);
        if (keys.isEmpty() || transaction == null || !TransactionSynchronizationManager.isSynchronizationActive()) {
            return;
        }
        Noted noted = (Noted) TransactionSynchronizationManager.getResource(name);
        if (noted == null || noted.transaction() != transaction) {
            if (noted != null) {
                TransactionSynchronizationManager.unbindResource(name);
            }
            noted = new Noted(transaction, new HashSet<>());
            TransactionSynchronizationManager.bindResource(name, noted);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(name);
                }
            });
        }
        noted.keys().addAll(keys);
    }

    void remove(String key) {
        Noted noted = current();
        if (noted != null) {
            noted.keys().remove(key);
        }
    }

    boolean contains(String key) {
        Noted noted = current();
        return noted != null && noted.keys().contains(key);
    }

    private Noted current() {
        Noted noted = (Noted) TransactionSynchronizationManager.getResource(name);
        return noted != null && noted.transaction() == TransactionSynchronizationManager.getResource(dataSource) ? noted : null;
    }
}
