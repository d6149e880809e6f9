package dev.mosaic.server.events;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Who was in a room and when, in join order.
 *
 * @param startedAt when the first participant entered; null if nobody ever did
 * @param endedAt   null while the room goes on
 */
public record Attendance(String room, Instant startedAt, Instant endedAt, List<AttendanceRecord> records) {
    public Attendance {
        records = List.copyOf(records);
    }

    /** How many different user ids attended. */
    public long distinctUsers() {
        return records.stream().map(AttendanceRecord::userId).distinct().count();
    }

    /** Total time {@code userId} spent in the room, over all their stays (until {@code now} for a stay still open). */
    public Duration timeIn(String userId, Instant now) {
        return records.stream()
                .filter(r -> r.userId().equals(userId))
                .map(r -> Duration.between(r.joinedAt(), r.leftAt() != null ? r.leftAt() : now))
                .reduce(Duration.ZERO, Duration::plus);
    }
}
