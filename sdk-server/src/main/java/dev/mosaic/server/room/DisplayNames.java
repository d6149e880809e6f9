package dev.mosaic.server.room;

/**
 * Makes a display name safe to show next to others: a name is plain text that must not rearrange or
 * hide what is shown around it. Removes bidirectional controls (a right-to-left override, U+202E,
 * reverses what follows it, so a name can read as another name or end in a fake "(host)"), zero-width and
 * other invisible format characters, control characters, and the blank-looking fillers used to forge
 * empty or look-alike names; turns every kind of space into one plain space. Letters of every script,
 * right-to-left ones included, stay as they are.
 */
public final class DisplayNames {
    private DisplayNames() {}

    /** {@code name} cleaned, or null if nothing visible is left (the caller then falls back). */
    public static String clean(String name) {
        if (name == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(name.length());
        boolean space = false;
        for (int i = 0; i < name.length(); ) {
            int c = name.codePointAt(i);
            i += Character.charCount(c);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                space = out.length() > 0;
                continue;
            }
            if (invisible(c)) {
                continue;
            }
            if (space) {
                out.append(' ');
                space = false;
            }
            out.appendCodePoint(c);
        }
        return out.length() == 0 ? null : out.toString();
    }

    /**
     * Format characters (Cf: bidi embeddings, overrides, isolates and marks, zero-width space, joiners,
     * word joiner, BOM, soft hyphen, invisible operators, tag characters), controls, unassigned,
     * private-use and surrogate code points, and the Hangul and braille fillers that render as nothing.
     */
    private static boolean invisible(int c) {
        return switch (Character.getType(c)) {
            case Character.FORMAT,
                    Character.CONTROL,
                    Character.UNASSIGNED,
                    Character.PRIVATE_USE,
                    Character.SURROGATE -> true;
            default -> c == 0x115F || c == 0x1160 || c == 0x3164 || c == 0xFFA0 || c == 0x2800 || c == 0x034F;
        };
    }
}
