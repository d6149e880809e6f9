package dev.mosaic.core.e2ee;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Per-user identity-key pins kept in a file (one {@code userId ik} line each, both base64url; mode
 * 0600), so that a Java participant warns about a changed key across restarts, as the browser does
 * with IndexedDB. Each new or changed pin rewrites the file atomically.
 */
public final class IdentityPinsFile {
    private static final Base64.Encoder ENCODE = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODE = Base64.getUrlDecoder();

    private IdentityPinsFile() {}

    /** Pins backed by {@code path}, created on the first pin if it does not exist. */
    public static IdentityPins open(Path path) throws IOException {
        Map<String, byte[]> pins = new LinkedHashMap<>();
        if (Files.exists(path)) {
            for (String line : Files.readAllLines(path, StandardCharsets.US_ASCII)) {
                String[] parts = line.strip().split(" ");
                if (line.isBlank()) {
                    continue;
                }
                try {
                    if (parts.length != 2) {
                        throw new IllegalArgumentException("expected 'user key'");
                    }
                    pins.put(new String(DECODE.decode(parts[0]), StandardCharsets.UTF_8), DECODE.decode(parts[1]));
                } catch (IllegalArgumentException e) {
                    throw new IOException("not an identity pins file (" + e.getMessage() + "): " + path, e);
                }
            }
        }
        return new IdentityPins(new WriteThrough(pins, path));
    }

    /** Saves the whole map after each change; called under IdentityPins' lock. */
    private static final class WriteThrough extends LinkedHashMap<String, byte[]> {
        private final transient Path path;

        WriteThrough(Map<String, byte[]> initial, Path path) {
            super(initial);
            this.path = path;
        }

        @Override
        public byte[] put(String userId, byte[] ik) {
            byte[] previous = super.put(userId, ik);
            if (previous == null || !java.util.Arrays.equals(previous, ik)) {
                save();
            }
            return previous;
        }

        private void save() {
            StringBuilder out = new StringBuilder();
            forEach((user, ik) -> out.append(ENCODE.encodeToString(user.getBytes(StandardCharsets.UTF_8)))
                    .append(' ')
                    .append(ENCODE.encodeToString(ik))
                    .append('\n'));
            try {
                Path dir = path.toAbsolutePath().getParent();
                Files.createDirectories(dir);
                Path tmp = Files.createTempFile(dir, ".pins-", ".tmp");
                if (tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
                }
                Files.writeString(tmp, out, StandardCharsets.US_ASCII);
                Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException("could not save identity pins to " + path, e);
            }
        }
    }
}
