package io.temas.platform;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;

/**
 * Starts the embedded database the way Temas does, in a JVM of its own, writes a note, says
 * {@value #READY} and waits to be killed. Arguments: the data directory and the note.
 */
final class EmbeddedDatabaseProcess {

    static final String READY = "embedded database ready";

    private EmbeddedDatabaseProcess() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedDatabase database = EmbeddedDatabase.start(settings(Path.of(args[0])));
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), EmbeddedDatabase.USER, database.password());
             Statement statement = connection.createStatement();
             PreparedStatement insert = connection.prepareStatement("insert into notes values (?)")) {
            statement.execute("create table notes (text text not null)");
            insert.setString(1, args[1]);
            insert.executeUpdate();
        }
        System.out.println(READY);
        System.out.flush();
        // Never answered: the test kills this JVM while it waits.
        System.in.read();
    }

    static DatabaseSettings settings(Path dataDir) {
        return new DatabaseSettings(dataDir, false, 0, 2, true);
    }
}
