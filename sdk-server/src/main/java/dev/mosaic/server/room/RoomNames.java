package dev.mosaic.server.room;

import java.util.regex.Pattern;

/** Room names appear in URLs and logs, so they are restricted to a safe alphabet. */
public final class RoomNames {
    public static final String RULE = "room names use 1-64 letters, digits, '-' or '_'";
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private RoomNames() {}

    public static boolean isValid(String room) {
        return room != null && VALID.matcher(room).matches();
    }
}
