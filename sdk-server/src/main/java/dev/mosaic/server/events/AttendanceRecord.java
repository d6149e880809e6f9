package dev.mosaic.server.events;

import dev.mosaic.core.protocol.LeaveReason;
import dev.mosaic.core.protocol.Role;
import java.time.Instant;

/**
 * One stay of one participant in a room. A person who leaves and joins again has two records.
 *
 * @param leftAt null while they are still in the room
 * @param reason why they left ({@code LEFT}, {@code DISCONNECTED}, {@code REMOVED}, {@code ENDED}); null while in
 */
public record AttendanceRecord(
        String participantId,
        String userId,
        String name,
        Role role,
        Instant joinedAt,
        Instant leftAt,
        LeaveReason reason) {
    public AttendanceRecord left(Instant when, LeaveReason why) {
        return new AttendanceRecord(participantId, userId, name, role, joinedAt, when, why);
    }
}
