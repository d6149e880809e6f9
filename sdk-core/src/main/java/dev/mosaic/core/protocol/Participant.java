package dev.mosaic.core.protocol;

/** A person (or bot) in a room, as every other participant sees them. */
public record Participant(String id, String userId, String name, Role role, MediaState media) {
    public Participant withMedia(MediaState newMedia) {
        return new Participant(id, userId, name, role, newMedia);
    }

    public Participant withRole(Role newRole) {
        return new Participant(id, userId, name, newRole, media);
    }
}
