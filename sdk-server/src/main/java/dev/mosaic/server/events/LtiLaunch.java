package dev.mosaic.server.events;

import dev.mosaic.core.protocol.Role;
import java.time.Instant;
import java.util.List;

/**
 * One verified LTI launch, as {@code MeetingListener.onLtiLaunch} and the {@code lti.launch} webhook
 * report it: which course link opened which Mosaic room for whom. With it an application can record
 * attendance per course: {@code onRoomEnded(room, ...)} and {@code GET /api/rooms/{room}/attendance}
 * use the same {@code room}, and the participant's user id is {@code userId}.
 *
 * @param room              the Mosaic room of this course link
 * @param userId            the Mosaic user id in the join token (the LMS's {@code sub}, scoped by platform)
 * @param displayName       the name shown in the meeting
 * @param role              the Mosaic role the launch was given
 * @param issuer            the platform's issuer
 * @param clientId          Mosaic's client id on that platform
 * @param deploymentId      the LTI deployment
 * @param subject           the LMS's user id ({@code sub})
 * @param email             the user's email, or null when the LMS does not share it
 * @param ltiRoles          the LTI role URIs the LMS sent
 * @param contextId         the course id in the LMS, or null
 * @param contextTitle      the course title, or null
 * @param contextLabel      the course's short label (e.g. {@code MATH-101}), or null
 * @param resourceLinkId    the id of the course link that was opened
 * @param resourceLinkTitle the link's title, or null
 * @param launchedAt        when Mosaic verified the launch
 */
public record LtiLaunch(
        String room,
        String userId,
        String displayName,
        Role role,
        String issuer,
        String clientId,
        String deploymentId,
        String subject,
        String email,
        List<String> ltiRoles,
        String contextId,
        String contextTitle,
        String contextLabel,
        String resourceLinkId,
        String resourceLinkTitle,
        Instant launchedAt) {
    public LtiLaunch {
        ltiRoles = List.copyOf(ltiRoles);
    }
}
