package dev.mosaic.server.room;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Room names the server makes up when the application does not pick one: 128 random bits, so a
 * room cannot be found by trying names. (Joining still needs a token for the room; an unguessable
 * name keeps it out of logs, links and guesses as well.)
 */
public final class RoomIds {
    private static final SecureRandom RANDOM = new SecureRandom();

    private RoomIds() {}

    /** 22 characters of {@code A-Z a-z 0-9 - _}, a valid room name. */
    public static String random() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
