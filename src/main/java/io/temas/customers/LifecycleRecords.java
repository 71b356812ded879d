package io.temas.customers;

import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** A merge moves the absorbed customer's stage moves to the survivor, so its history holds both; an undo moves them back. */
@Component
class LifecycleRecords implements CustomerOwnedRecords {

    private final JdbcClient jdbc;

    LifecycleRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String kind() {
        return "lifecycle-changes";
    }

    @Override
    public List<UUID> reassign(CustomerId from, CustomerId to) {
        return jdbc.sql("update lifecycle_changes set customer_id = ? where customer_id = ? returning id")
                .params(to.value(), from.value()).query(UUID.class).list();
    }

    @Override
    public void restore(List<UUID> ids, CustomerId owner) {
        if (!ids.isEmpty()) {
            jdbc.sql("update lifecycle_changes set customer_id = ? where id = any(?)").params(owner.value(), ids.toArray(UUID[]::new)).update();
        }
    }
}
