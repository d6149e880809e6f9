package dev.mosaic.core.e2ee;

/**
 * A member of the accepted key roster as this participant sees it: {@code announced} when the
 * server shows it in the meeting (a member that is not is a hidden listener, to be flagged),
 * {@code verified} when its hello reached this participant and verified.
 */
public record RosterEntry(String participantId, boolean announced, boolean verified) {}
