package dev.mosaic.samples;

import dev.mosaic.server.MosaicServer;
import dev.mosaic.server.lti.LtiConfigFile;
import java.nio.file.Path;

/**
 * Mosaic as an LTI tool for a school's learning platform, printing each course meeting's attendance
 * as CSV when it ends (docs/lti.md).
 * <p>Run: {@code MOSAIC_SECRET=$(openssl rand -base64 48) mvn -q -pl samples exec:java
 * -Dexec.mainClass=dev.mosaic.samples.LtiAttendanceSample -Dexec.args=samples/lti-platforms.json}
 */
public final class LtiAttendanceSample {
    private LtiAttendanceSample() {}

    public static void main(String[] args) {
        String secret = System.getenv("MOSAIC_SECRET");
        if (secret == null || secret.length() < 32 || args.length != 1) {
            System.err.println("Usage: MOSAIC_SECRET=<at least 32 characters> LtiAttendanceSample lti-platforms.json");
            System.exit(2);
        }
        CourseAttendance attendance = new CourseAttendance(session -> System.out.print(CourseAttendance.csv(session)));
        MosaicServer.Builder builder =
                MosaicServer.builder().port(8080).secret(secret).listener(attendance);
        LtiConfigFile.read(Path.of(args[0])).forEach(builder::ltiPlatform);
        MosaicServer server = builder.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        System.out.println(
                "LTI login URL: " + server.localUrl() + "/lti/login, launch URL: " + server.localUrl() + "/lti/launch");
    }
}
