package io.temas.customers;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Keys noted for one transaction, each with a value: seen only by that transaction (the connection that holds it, so a
 * transaction started inside it sees none of them) and forgotten when it ends. Outside a transaction nothing is noted.
 *
 * @param <V> what is noted with a key ({@link Boolean#TRUE} where the key alone says it)
 */
final class TransactionKeys<V> {

    /** The keys, and the transaction (its connection holder) they were noted in. */
    private record Noted<V>(Object transaction, Map<String, V> keys) {
    }

    private final String name;
    private final DataSource dataSource;

    TransactionKeys(String name, DataSource dataSource) {
        this.name = TransactionKeys.class.getName() + "." + name;
        this.dataSource = dataSource;
    }

    /** Notes the keys, each with {@code value}. */
    void add(Collection<String> keys, V value) {
        Map<String, V> noted = keys.isEmpty() ? null : noting();
        if (noted != null) {
            keys.forEach(key -> noted.put(key, value));
        }
    }

    /** Notes the key with its value. */
    void put(String key, V value) {
        Map<String, V> noted = noting();
        if (noted != null) {
            noted.put(key, value);
        }
    }

    /** The transaction's notes, begun now if this is its first; null outside a transaction. */
    private Map<String, V> noting() {
        Object transaction = TransactionSynchronizationManager.getResource(dataSource);
        if (transaction == null || !TransactionSynchronizationManager.isSynchronizationActive()) {
            return null;
        }
        @SuppressWarnings("unchecked")
        Noted<V> noted = (Noted<V>) TransactionSynchronizationManager.getResource(name);
        if (noted == null || noted.transaction() != transaction) {
            if (noted != null) {
                TransactionSynchronizationManager.unbindResource(name);
            }
            noted = new Noted<>(transaction, new HashMap<>());
            TransactionSynchronizationManager.bindResource(name, noted);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(name);
                }
            });
        }
        return noted.keys();
    }

    /** Forgets the key, answering what was noted with it (null when nothing was). */
    V remove(String key) {
        Noted<V> noted = current();
        return noted == null ? null : noted.keys().remove(key);
    }

    boolean contains(String key) {
        Noted<V> noted = current();
        return noted != null && noted.keys().containsKey(key);
    }

    /** What was noted with the key (null when nothing was). */
    V get(String key) {
        Noted<V> noted = current();
        return noted == null ? null : noted.keys().get(key);
    }

    private Noted<V> current() {
        @SuppressWarnings("unchecked")
        Noted<V> noted = (Noted<V>) TransactionSynchronizationManager.getResource(name);
        return noted != null && noted.transaction() == TransactionSynchronizationManager.getResource(dataSource) ? noted : null;
    }
}
