package dev.mosaic.samples;

import dev.mosaic.server.events.Attendance;
import dev.mosaic.server.events.AttendanceRecord;
import dev.mosaic.server.events.LtiLaunch;
import dev.mosaic.server.events.MeetingListener;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Attendance per course for meetings launched from a learning platform (LTI): each launch tells
 * which course link a room belongs to and who opened it; when the room ends, its attendance becomes
 * one {@link Session} of that course, including who opened the activity but never joined.
 */
public final class CourseAttendance implements MeetingListener {
    /** One person in one session: minutes over all their stays. */
    public record Line(String userId, String name, String role, long minutes) {}

    /** One meeting of one course link. */
    public record Session(
            String contextId,
            String course,
            String activity,
            Instant startedAt,
            Instant endedAt,
            List<Line> attended,
            List<String> launchedButNeverJoined) {}

    private final Map<String, LtiLaunch> courseOfRoom = new ConcurrentHashMap<>();
    /** Per room, who launched it since it last ended: user id → name. */
    private final Map<String, Map<String, String>> launchers = new ConcurrentHashMap<>();

    private final List<Session> sessions = new CopyOnWriteArrayList<>();
    private final Consumer<Session> onSession;

    public CourseAttendance() {
        this(session -> {});
    }

    /** {@code onSession} is called with each session as its meeting ends (on Mosaic's event thread). */
    public CourseAttendance(Consumer<Session> onSession) {
        this.onSession = onSession;
    }

    @Override
    public void onLtiLaunch(LtiLaunch launch) {
        courseOfRoom.put(launch.room(), launch);
        launchers
                .computeIfAbsent(launch.room(), r -> new ConcurrentHashMap<>())
                .put(launch.userId(), launch.displayName());
    }

    @Override
    public void onRoomEnded(String room, Attendance attendance) {
        LtiLaunch course = courseOfRoom.get(room);
        if (course == null) {
            return; // not a course meeting
        }
        Map<String, Line> lines = new LinkedHashMap<>();
        for (AttendanceRecord r : attendance.records()) {
            long minutes = attendance.timeIn(r.userId(), attendance.endedAt()).toMinutes();
            lines.putIfAbsent(
                    r.userId(),
                    new Line(r.userId(), r.name(), r.role().name().toLowerCase(java.util.Locale.ROOT), minutes));
        }
        Map<String, String> launched = launchers.getOrDefault(room, Map.of());
        List<String> absent = new ArrayList<>();
        launched.forEach((userId, name) -> {
            if (!lines.containsKey(userId)) {
                absent.add(name);
            }
        });
        launchers.remove(room);
        Session session = new Session(
                course.contextId(),
                course.contextTitle(),
                course.resourceLinkTitle(),
                attendance.startedAt(),
                attendance.endedAt(),
                List.copyOf(lines.values()),
                List.copyOf(absent));
        sessions.add(session);
        onSession.accept(session);
    }

    /** Every ended course meeting so far, oldest first. */
    public List<Session> sessions() {
        return List.copyOf(sessions);
    }

    /** A session as CSV, one line per person: course, activity, start, name, user id, role, minutes. */
    public static String csv(Session s) {
        StringBuilder out = new StringBuilder();
        for (Line l : s.attended()) {
            out.append(String.join(
                            ",",
                            quote(s.course()),
                            quote(s.activity()),
                            s.startedAt().toString(),
                            quote(l.name()),
                            quote(l.userId()),
                            l.role(),
                            Long.toString(l.minutes())))
                    .append('\n');
        }
        for (String name : s.launchedButNeverJoined()) {
            out.append(String.join(
                            ",",
                            quote(s.course()),
                            quote(s.activity()),
                            s.startedAt().toString(),
                            quote(name),
                            "",
                            "absent",
                            "0"))
                    .append('\n');
        }
        return out.toString();
    }

    private static String quote(String value) {
        return value == null ? "" : "\"" + value.replace("\"", "\"\"") + "\"";
    }
}
