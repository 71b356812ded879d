package io.temas.platform;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps the database's files to the user Temas runs as: directories {@code 0700}, no file writable
 * by group or others. Another local user who could write there could swap a binary Temas runs or
 * the data it trusts. File systems without POSIX permissions are left as they are.
 */
final class PrivateFiles {

    static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OTHERS_WRITE = EnumSet.of(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);
    private static final Set<PosixFilePermission> OTHERS_ENTER = EnumSet.of(PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_EXECUTE);

    private PrivateFiles() {
    }

    static boolean supported() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    /** Creates the directory if missing and makes it {@code 0700}; refuses one owned by somebody else. */
    static void directory(Path directory) throws IOException {
        Files.createDirectories(directory);
        if (!supported()) {
            return;
        }
        Optional<UserPrincipal> me = currentUser();
        if (me.isPresent() && !Files.getOwner(directory).equals(me.get())) {
            throw new IllegalStateException(directory + " belongs to " + Files.getOwner(directory) + ", not to " + me.get()
                    + "; Temas keeps its database only in a directory of its own user");
        }
        Files.setPosixFilePermissions(directory, OWNER_ONLY_DIRECTORY);
    }

    /** Whether users other than the owner may pass through the directory (before {@link #directory} closed it). */
    static boolean othersCanEnter(Path directory) throws IOException {
        if (!supported() || !Files.isDirectory(directory)) {
            return false;
        }
        return Files.getPosixFilePermissions(directory).stream().anyMatch(OTHERS_ENTER::contains);
    }

    /**
     * Closes every directory below {@code tree} to others and takes their write bits from every
     * file. Answers whether anything was open to tampering before: writable by others (or owned
     * by somebody else) in a place they could reach, given whether they could reach {@code tree}.
     */
    static boolean tighten(Path tree, boolean reachableByOthers) throws IOException {
        if (!supported() || !Files.isDirectory(tree)) {
            return false;
        }
        Tightener tightener = new Tightener(currentUser(), reachableByOthers);
        Files.walkFileTree(tree, tightener);
        return tightener.exposed;
    }

    private static Optional<UserPrincipal> currentUser() throws IOException {
        try {
            return Optional.of(FileSystems.getDefault().getUserPrincipalLookupService()
                    .lookupPrincipalByName(System.getProperty("user.name")));
        } catch (UserPrincipalNotFoundException e) {
            return Optional.empty();
        }
    }

    private static final class Tightener extends SimpleFileVisitor<Path> {

        private final Optional<UserPrincipal> me;
        private final Deque<Boolean> reachable = new ArrayDeque<>();
        private boolean exposed;

        Tightener(Optional<UserPrincipal> me, boolean treeReachable) {
            this.me = me;
            reachable.push(treeReachable);
        }

        @Override
        public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes basic) throws IOException {
            PosixFileAttributes attributes = posix(directory);
            boolean open = reachable.peek();
            note(open, attributes);
            reachable.push(open && attributes.permissions().stream().anyMatch(OTHERS_ENTER::contains));
            if (!attributes.permissions().equals(OWNER_ONLY_DIRECTORY)) {
                Files.setPosixFilePermissions(directory, OWNER_ONLY_DIRECTORY);
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path directory, IOException e) throws IOException {
            reachable.pop();
            if (e != null) {
                throw e;
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes basic) throws IOException {
            PosixFileAttributes attributes = posix(file);
            note(reachable.peek(), attributes);
            // A link's own bits mean nothing and changing them would follow it out of the tree.
            if (!attributes.isSymbolicLink() && attributes.permissions().stream().anyMatch(OTHERS_WRITE::contains)) {
                Set<PosixFilePermission> permissions = EnumSet.copyOf(attributes.permissions());
                permissions.removeAll(OTHERS_WRITE);
                Files.setPosixFilePermissions(file, permissions);
            }
            return FileVisitResult.CONTINUE;
        }

        private void note(boolean reachableByOthers, PosixFileAttributes attributes) {
            boolean foreign = me.isPresent() && !attributes.owner().equals(me.get());
            boolean writable = !attributes.isSymbolicLink() && attributes.permissions().stream().anyMatch(OTHERS_WRITE::contains);
            exposed |= foreign || (reachableByOthers && writable);
        }

        private static PosixFileAttributes posix(Path path) throws IOException {
            return Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        }
    }
}
