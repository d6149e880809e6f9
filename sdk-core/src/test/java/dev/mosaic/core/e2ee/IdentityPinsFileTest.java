package dev.mosaic.core.e2ee;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentityPinsFileTest {
    private final SecureRandom random = new SecureRandom();

    @Test
    void pinsSurviveARestartAndAChangedKeyIsReported(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("pins");
        byte[] adaKey = IdentityKey.generate(random).publicKey();
        byte[] otherKey = IdentityKey.generate(random).publicKey();

        IdentityPins first = IdentityPinsFile.open(file);
        assertEquals(IdentityPins.Continuity.FIRST_SEEN, first.pinForUser("ada@school.example", adaKey));
        assertEquals(IdentityPins.Continuity.FIRST_SEEN, first.pinForUser("user with spaces\tand tabs", otherKey));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));

        IdentityPins afterRestart = IdentityPinsFile.open(file);
        assertEquals(IdentityPins.Continuity.SAME, afterRestart.pinForUser("ada@school.example", adaKey));
        assertEquals(IdentityPins.Continuity.SAME, afterRestart.pinForUser("user with spaces\tand tabs", otherKey));
        assertEquals(IdentityPins.Continuity.CHANGED, afterRestart.pinForUser("ada@school.example", otherKey));
        // The change is remembered too: the new key is the pin from now on.
        assertEquals(
                IdentityPins.Continuity.SAME, IdentityPinsFile.open(file).pinForUser("ada@school.example", otherKey));
    }

    @Test
    void aFileThatIsNotAPinsFileIsRefused(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("pins");
        Files.writeString(file, "this is not a pins file\n");
        assertThrows(IOException.class, () -> IdentityPinsFile.open(file));
    }
}
