package dev.mosaic.core.protocol;

/**
 * Client input quoted in an error message, cut to {@value #MAX_CHARS} characters: an error must
 * not echo back a huge field (that would turn the server into an amplifier for whoever sent it).
 */
public final class Quoted {
    public static final int MAX_CHARS = 64;

    private Quoted() {}

    /** {@code 'value'}, or its first {@value #MAX_CHARS} characters and an ellipsis. */
    public static String of(Object value) {
        String s = String.valueOf(value);
        return "'" + (s.length() <= MAX_CHARS ? s : s.substring(0, MAX_CHARS) + "…") + "'";
    }
}
