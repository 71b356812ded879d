package io.temas.support;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * A conversation's row held by another transaction until closed, as the pipeline holds one while a customer's new message
 * joins it: work run meanwhile on the test's own connections meets the row lock. Closing rolls that transaction back.
 */
public final class HeldRow implements AutoCloseable {

    private final Connection connection;

    private HeldRow(Connection connection) {
        this.connection = connection;
    }

    /** Locks the conversation's row ({@code for update}) in a transaction of its own, on a connection of its own. */
    public static HeldRow conversation(DataSource dataSource, UUID id) throws SQLException {
        Connection connection = dataSource.getConnection();
        try {
            connection.setAutoCommit(false);
            try (var lock = connection.prepareStatement("select id from conversations where id = ? for update")) {
                lock.setObject(1, id);
                lock.executeQuery().close();
            }
            return new HeldRow(connection);
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    @Override
    public void close() throws SQLException {
        try {
            connection.rollback();
        } finally {
            connection.close();
        }
    }
}
