package dev.mosaic.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mosaic.core.client.MeetingClient;
import dev.mosaic.core.protocol.Role;
import dev.mosaic.server.MosaicServer;
import dev.mosaic.server.events.LtiLaunch;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A course meeting's attendance as the sample reports it. The launches are handed to the listener as
 * the server does after verifying them (the LTI flow itself is proven by sdk-server's LtiLaunchTest);
 * the meeting is real: two clients join and leave a running server.
 */
class CourseAttendanceTest {
    private static final String ROOM = "lti-AbCdEfGhIjKlMnOpQrStUv";

    @Test
    void anEndedCourseMeetingListsWhoCameAndWhoOpenedItButNeverJoined() throws Exception {
        BlockingQueue<CourseAttendance.Session> ended = new LinkedBlockingQueue<>();
        CourseAttendance attendance = new CourseAttendance(ended::add);
        try (MosaicServer server = MosaicServer.builder()
                .port(0)
                .secret("a-sample-secret-that-is-long-enough-1234")
                .listener(attendance)
                .start()) {
            attendance.onLtiLaunch(launch("lti-x:u-100", "Ada Lovelace", Role.HOST));
            attendance.onLtiLaunch(launch("lti-x:u-200", "Blaise Pascal", Role.PARTICIPANT));
            attendance.onLtiLaunch(launch("lti-x:u-300", "Carl Absent", Role.PARTICIPANT));
            URI ws = URI.create(server.webSocketUrl());
            MeetingClient ada = MeetingClient.builder(
                            ws,
                            ROOM,
                            server.tokens()
                                    .issue(ROOM, "lti-x:u-100", "Ada Lovelace", Role.HOST, Duration.ofMinutes(5)))
                    .build();
            MeetingClient blaise = MeetingClient.builder(
                            ws,
                            ROOM,
                            server.tokens()
                                    .issue(
                                            ROOM,
                                            "lti-x:u-200",
                                            "Blaise Pascal",
                                            Role.PARTICIPANT,
                                            Duration.ofMinutes(5)))
                    .build();
            ada.join();
            blaise.join();
            blaise.leave();
            ada.leave();

            CourseAttendance.Session session = ended.poll(10, TimeUnit.SECONDS);
            assertNotNull(session, "the room ended and became a session");
            assertEquals("Maths 7B", session.course());
            assertEquals("Live class", session.activity());
            assertEquals(
                    List.of("Ada Lovelace", "Blaise Pascal"),
                    session.attended().stream().map(CourseAttendance.Line::name).toList());
            assertEquals(List.of("Carl Absent"), session.launchedButNeverJoined());
            String csv = CourseAttendance.csv(session);
            assertTrue(csv.contains("\"Maths 7B\",\"Live class\"") && csv.contains("\"Carl Absent\",,absent,0"), csv);
        }
    }

    private static LtiLaunch launch(String userId, String name, Role role) {
        return new LtiLaunch(
                ROOM,
                userId,
                name,
                role,
                "https://moodle.school.org",
                "client",
                "1",
                userId.substring(6),
                null,
                List.of(),
                "course-7",
                "Maths 7B",
                "MATH-7B",
                "link-1",
                "Live class",
                Instant.now());
    }
}
