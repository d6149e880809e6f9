package dev.mosaic.server.lti;

import dev.mosaic.core.protocol.Role;
import java.util.Collection;
import java.util.Optional;

/**
 * LTI roles to Mosaic roles. Course (context) roles decide; institution and system roles count only
 * when the launch names no course role, so a teacher taking a staff-training course as a learner is
 * a participant there. The strongest recognised role wins. A launch with no recognised role gets
 * {@link Role#VIEWER}: someone the course did not name as teacher or student watches and listens,
 * and a host can let them speak ({@code promote}).
 */
final class LtiRoles {
    private static final String CONTEXT = "http://purl.imsglobal.org/vocab/lis/v2/membership#";
    private static final String CONTEXT_SUB = "http://purl.imsglobal.org/vocab/lis/v2/membership/";
    private static final String INSTITUTION = "http://purl.imsglobal.org/vocab/lis/v2/institution/person#";
    private static final String SYSTEM = "http://purl.imsglobal.org/vocab/lis/v2/system/person#";

    private LtiRoles() {}

    static Role map(Collection<String> roles) {
        Optional<Role> fromCourse = strongest(roles.stream().map(LtiRoles::contextRole));
        if (fromCourse.isPresent()) {
            return fromCourse.get();
        }
        return strongest(roles.stream().map(LtiRoles::institutionRole)).orElse(Role.VIEWER);
    }

    /** A course role: full URI, sub-role URI ({@code membership/Instructor#TeachingAssistant}) or the deprecated short name. */
    private static Optional<Role> contextRole(String uri) {
        String name;
        if (uri.startsWith(CONTEXT)) {
            name = uri.substring(CONTEXT.length());
        } else if (uri.startsWith(CONTEXT_SUB) && uri.indexOf('#') > CONTEXT_SUB.length()) {
            name = uri.substring(CONTEXT_SUB.length(), uri.indexOf('#'));
        } else if (!uri.contains(":") && !uri.contains("/")) {
            name = uri;
        } else {
            return Optional.empty();
        }
        return switch (name) {
            case "Instructor", "Administrator", "ContentDeveloper", "Manager" -> Optional.of(Role.HOST);
            case "Learner", "Member", "Officer" -> Optional.of(Role.PARTICIPANT);
            case "Mentor" -> Optional.of(Role.VIEWER);
            default -> Optional.empty();
        };
    }

    private static Optional<Role> institutionRole(String uri) {
        String name;
        if (uri.startsWith(INSTITUTION)) {
            name = uri.substring(INSTITUTION.length());
        } else if (uri.startsWith(SYSTEM)) {
            name = uri.substring(SYSTEM.length());
            // Only an LMS administrator counts among system roles; the others say nothing about teaching.
            return "Administrator".equals(name) || "SysAdmin".equals(name) ? Optional.of(Role.HOST) : Optional.empty();
        } else {
            return Optional.empty();
        }
        return switch (name) {
            case "Administrator", "Faculty", "Instructor" -> Optional.of(Role.HOST);
            case "Student", "Learner" -> Optional.of(Role.PARTICIPANT);
            case "Mentor", "Observer", "Guest", "ProspectiveStudent", "Alumni" -> Optional.of(Role.VIEWER);
            default -> Optional.empty();
        };
    }

    private static Optional<Role> strongest(java.util.stream.Stream<Optional<Role>> roles) {
        return roles.flatMap(Optional::stream).min(java.util.Comparator.comparingInt(LtiRoles::rank));
    }

    private static int rank(Role role) {
        return switch (role) {
            case HOST -> 0;
            case PARTICIPANT -> 1;
            case VIEWER -> 2;
        };
    }
}
