package dev.mosaic.core.e2ee;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * Keeps a Java participant's identity key in a file readable only by its owner (0600), so the
 * same IK, and thus the same TOFU pin at other members, survives restarts.
 */
public final class IdentityKeyFile {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private IdentityKeyFile() {}

    /** Reads the key at {@code path}, or creates one there (mode 0600) if the file does not exist. */
    public static IdentityKey loadOrCreate(Path path, SecureRandom random) throws IOException {
        if (Files.exists(path)) {
            return load(path);
        }
        IdentityKey key = IdentityKey.generate(random);
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try {
            if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(path, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } else {
                Files.createFile(path);
            }
        } catch (FileAlreadyExistsException raced) {
            return load(path);
        }
        Files.writeString(path, Base64.getEncoder().encodeToString(key.privateKey()) + "\n");
        return key;
    }

    public static IdentityKey load(Path path) throws IOException {
        if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(path);
            if (!OWNER_ONLY.containsAll(perms)) {
                throw new IOException(path + " is readable by others (" + PosixFilePermissions.toString(perms)
                        + "); run: chmod 600 " + path);
            }
        }
        byte[] seed;
        try {
            seed = Base64.getDecoder().decode(Files.readString(path).trim());
        } catch (IllegalArgumentException e) {
            throw new IOException(path + " does not hold a base64 Ed25519 private key", e);
        }
        return IdentityKey.fromPrivateKey(seed);
    }
}
