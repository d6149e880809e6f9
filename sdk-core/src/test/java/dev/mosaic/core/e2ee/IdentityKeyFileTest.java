package dev.mosaic.core.e2ee;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentityKeyFileTest {
    @TempDir
    Path dir;

    @Test
    void createsAnOwnerOnlyFileAndReadsTheSameKeyBack() throws IOException {
        Path file = dir.resolve("keys/identity.key");
        IdentityKey created = IdentityKeyFile.loadOrCreate(file, new SecureRandom());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        IdentityKey loaded = IdentityKeyFile.loadOrCreate(file, new SecureRandom());
        assertArrayEquals(created.publicKey(), loaded.publicKey());
        byte[] msg = {1, 2, 3};
        assertTrue(IdentityKey.verify(created.publicKey(), msg, loaded.sign(msg)));
    }

    @Test
    void refusesAKeyFileOthersCanRead() throws IOException {
        Path file = dir.resolve("identity.key");
        IdentityKeyFile.loadOrCreate(file, new SecureRandom());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        IOException e = assertThrows(IOException.class, () -> IdentityKeyFile.load(file));
        assertTrue(e.getMessage().contains("chmod 600"), e.getMessage());
    }
}
