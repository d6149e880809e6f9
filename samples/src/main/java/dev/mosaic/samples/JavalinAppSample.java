package dev.mosaic.samples;

import dev.mosaic.core.protocol.Participant;
import dev.mosaic.core.protocol.Role;
import dev.mosaic.server.MosaicPlugin;
import dev.mosaic.server.MosaicServer;
import dev.mosaic.server.events.MeetingListener;
import io.javalin.Javalin;
import java.time.Duration;

/**
 * A site that already runs on Javalin adds meetings as a plugin: its own pages stay its own, Mosaic
 * adds {@code /ws}, {@code /api/rooms}, {@code /mosaic/} and {@code /embed/{room}}. The plugin takes one
 * typed config in a lambda, like every Javalin plugin.
 * <p>Run: {@code MOSAIC_SECRET=$(openssl rand -base64 48) mvn -q -pl samples exec:java
 * -Dexec.mainClass=dev.mosaic.samples.JavalinAppSample}
 */
public final class JavalinAppSample {
    private JavalinAppSample() {}

    /** The school's app with Mosaic plugged in, listening on {@code port} (0 for any free one). */
    public static Javalin start(String secret, int port) {
        MosaicPlugin mosaic = new MosaicPlugin(m -> {
            m.server = MosaicServer.builder().secret(secret).build();
            m.listener = new MeetingListener() {
                @Override
                public void onParticipantJoined(String room, Participant participant) {
                    System.out.println(participant.name() + " joined " + room);
                }
            };
        });
        return Javalin.create(config -> {
                    config.startup.showJavalinBanner = false;
                    config.registerPlugin(mosaic);
                    // The site's own route: here it hands the signed-in user a token for their class.
                    config.routes.get(
                            "/my-class/token",
                            ctx -> ctx.result(mosaic.tokens()
                                    .issue("maths-101", "student-7", "Alan", Role.PARTICIPANT, Duration.ofHours(2))));
                })
                .start("127.0.0.1", port);
    }

    public static void main(String[] args) {
        String secret = System.getenv("MOSAIC_SECRET");
        if (secret == null || secret.length() < 32) {
            System.err.println(
                    "Set MOSAIC_SECRET to at least 32 characters, e.g. MOSAIC_SECRET=$(openssl rand -base64 48)");
            System.exit(2);
        }
        Javalin app = start(secret, 8080);
        Runtime.getRuntime().addShutdownHook(new Thread(app::stop));
        System.out.println(
                "The school's site is on http://localhost:" + app.port() + "/my-class/token, meetings on /ws");
    }
}
