package io.temas.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/** The embedded PostgreSQL's password: made up once, kept in a file only its owner can read. */
final class DatabasePassword {

    private static final SecureRandom random = new SecureRandom();

    private DatabasePassword() {
    }

    /** Reads the password from the file, or makes one up and writes it there. */
    static String readOrCreate(Path file) throws IOException {
        if (Files.exists(file)) {
            if (PrivateFiles.supported()) {
                Files.setPosixFilePermissions(file, PrivateFiles.OWNER_ONLY_FILE);
            }
            return Files.readString(file).strip();
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        // Base64url: nothing a shell or an SQL literal would read specially.
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Path partial = file.resolveSibling(file.getFileName() + ".part");
        Files.deleteIfExists(partial);
        if (PrivateFiles.supported()) {
            Files.createFile(partial, PosixFilePermissions.asFileAttribute(PrivateFiles.OWNER_ONLY_FILE));
        }
        Files.writeString(partial, password);
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
        return password;
    }
}
