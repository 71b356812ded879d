package io.temas.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Content-addressed files in the data directory: a file is stored once under the SHA-256 of its
 * bytes, however often it arrives. Writes go to a temporary file first and are moved into place,
 * so a crash never leaves half a file under a valid name.
 */
public final class FileStore implements AutoCloseable {

    private static final MessageDigest SHA_256;

    static {
        try {
            SHA_256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Path root;
    private final boolean temporary;

    public FileStore(Path root) {
        this(root, false);
    }

    /** A store in {@code root}; a temporary one is deleted, files and all, when it is closed. */
    public FileStore(Path root, boolean temporary) {
        this.root = root;
        this.temporary = temporary;
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + root, e);
        }
    }

    /** Stores the bytes; answers their SHA-256 (hex), the key to read them back. */
    public String put(byte[] content) {
        String sha = sha256(content);
        Path target = path(sha);
        if (Files.exists(target)) {
            return sha;
        }
        try {
            Files.createDirectories(target.getParent());
            Path temporary = Files.createTempFile(target.getParent(), sha, ".part");
            Files.write(temporary, content);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return sha;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store file " + sha, e);
        }
    }

    public Optional<byte[]> get(String sha) {
        if (sha == null || !sha.matches("[0-9a-f]{64}")) {
            return Optional.empty();
        }
        Path path = path(sha);
        try {
            return Files.exists(path) ? Optional.of(Files.readAllBytes(path)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read file " + sha, e);
        }
    }

    /** Deletes the file stored under {@code sha}; answers whether there was one. Callers check that nothing refers to it any more. */
    public boolean delete(String sha) {
        if (sha == null || !sha.matches("[0-9a-f]{64}")) {
            return false;
        }
        try {
            return Files.deleteIfExists(path(sha));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete file " + sha, e);
        }
    }

    /** The directory the files are kept in. */
    public Path root() {
        return root;
    }

    @Override
    public void close() {
        if (!temporary) {
            return;
        }
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }

    private Path path(String sha) {
        return root.resolve(sha.substring(0, 2)).resolve(sha.substring(2, 4)).resolve(sha);
    }

    public static String sha256(byte[] content) {
        try {
            // A copy of one digest: looking the algorithm up among the providers costs more than hashing an API token.
            return HexFormat.of().formatHex(((MessageDigest) SHA_256.clone()).digest(content));
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }
}
