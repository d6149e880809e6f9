package dev.mosaic.samples;

import dev.mosaic.core.protocol.Role;
import dev.mosaic.server.MosaicServer;
import java.time.Duration;

/**
 * A host application that runs Mosaic inside its own JVM and issues join tokens itself, the way a
 * real site's backend does once it knows who the user is.
 * <p>Run: {@code MOSAIC_SECRET=$(openssl rand -base64 48) mvn -q -pl samples exec:java
 * -Dexec.mainClass=dev.mosaic.samples.EmbeddedServerSample}
 */
public final class EmbeddedServerSample {
    private EmbeddedServerSample() {}

    public static void main(String[] args) {
        String secret = System.getenv("MOSAIC_SECRET");
        if (secret == null || secret.length() < 32) {
            System.err.println(
                    "Set MOSAIC_SECRET to at least 32 characters, e.g. MOSAIC_SECRET=$(openssl rand -base64 48)");
            System.exit(2);
        }
        MosaicServer server = MosaicServer.builder().port(8080).secret(secret).start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));

        // Your backend decides who may join which room, under which name and role.
        String teacher =
                server.tokens().issue("maths-101", "teacher-1", "Ms. Lovelace", Role.HOST, Duration.ofHours(2));
        String student = server.tokens().issue("maths-101", "student-7", "Alan", Role.PARTICIPANT, Duration.ofHours(2));
        System.out.println("Mosaic is running at " + server.localUrl());
        System.out.println("Open " + server.localUrl() + "/?room=maths-101 in two tabs and paste one token in each:");
        System.out.println("  teacher: " + teacher);
        System.out.println("  student: " + student);
    }
}
