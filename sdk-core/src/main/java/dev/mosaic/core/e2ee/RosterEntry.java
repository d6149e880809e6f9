package dev.mosaic.core.e2ee;

/**
 * A member of the accepted key roster as this participant sees it: {@code signedName} is the display name
 * the member signed in its hello (the one the security code covers); {@code announced} when the server
 * shows it in the meeting (a member that is not is a hidden listener, to be flagged); {@code verified}
 * when its hello reached this participant and verified; {@code nameAsShown} when the server shows it
 * under the name it signed (a different name shown next to its key is flagged too).
 */
public record RosterEntry(
        String participantId, String signedName, boolean announced, boolean verified, boolean nameAsShown) {}
