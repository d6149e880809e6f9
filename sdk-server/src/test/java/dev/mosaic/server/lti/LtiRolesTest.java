package dev.mosaic.server.lti;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mosaic.core.protocol.Role;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The role table of docs/lti.md, row by row. */
class LtiRolesTest {
    private static final String M = "http://purl.imsglobal.org/vocab/lis/v2/membership#";
    private static final String I = "http://purl.imsglobal.org/vocab/lis/v2/institution/person#";
    private static final String S = "http://purl.imsglobal.org/vocab/lis/v2/system/person#";

    @Test
    void teachingRolesInTheCourseAreHosts() {
        for (String role : List.of(
                M + "Instructor",
                M + "Administrator",
                M + "ContentDeveloper",
                M + "Manager",
                "http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant",
                "Instructor")) {
            assertEquals(Role.HOST, LtiRoles.map(List.of(role)), role);
        }
    }

    @Test
    void learnersAreParticipantsAndMentorsViewers() {
        assertEquals(Role.PARTICIPANT, LtiRoles.map(List.of(M + "Learner")));
        assertEquals(Role.PARTICIPANT, LtiRoles.map(List.of("Learner")));
        assertEquals(Role.PARTICIPANT, LtiRoles.map(List.of(M + "Member")));
        assertEquals(Role.VIEWER, LtiRoles.map(List.of(M + "Mentor")));
    }

    @Test
    void theStrongestCourseRoleWins() {
        assertEquals(Role.HOST, LtiRoles.map(List.of(M + "Learner", M + "Instructor")));
        assertEquals(Role.PARTICIPANT, LtiRoles.map(List.of(M + "Mentor", M + "Learner")));
    }

    @Test
    void institutionRolesCountOnlyWithoutACourseRole() {
        // A teacher taking a staff course as a learner is a participant there.
        assertEquals(Role.PARTICIPANT, LtiRoles.map(List.of(I + "Faculty", M + "Learner")));
        assertEquals(Role.HOST, LtiRoles.map(List.of(I + "Faculty")));
        assertEquals(Role.HOST, LtiRoles.map(List.of(S + "Administrator")));
        assertEquals(Role.PARTICIPANT, LtiRoles.map(List.of(I + "Student")));
        assertEquals(Role.VIEWER, LtiRoles.map(List.of(I + "Guest")));
        assertEquals(Role.VIEWER, LtiRoles.map(List.of(I + "Observer")));
    }

    @Test
    void noRecognisedRoleMakesAViewer() {
        assertEquals(Role.VIEWER, LtiRoles.map(List.of()));
        assertEquals(
                Role.VIEWER,
                LtiRoles.map(List.of("http://purl.imsglobal.org/vocab/lti/system/person#TestUser", "urn:x:Wizard")));
        assertEquals(Role.VIEWER, LtiRoles.map(List.of(S + "User")));
    }
}
