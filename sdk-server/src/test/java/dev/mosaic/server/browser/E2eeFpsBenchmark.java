package dev.mosaic.server.browser;

import dev.mosaic.core.protocol.Role;
import dev.mosaic.server.MosaicServer;
import dev.mosaic.server.room.RoomOptions;
import java.time.Duration;
import java.util.List;

/**
 * Not a test: frames per second decoded by two headless Chromiums in a room without and then with
 * end-to-end encryption, in the same run on the same machine. Prints one line per room.
 * Run after {@code mvn -pl sdk-core,widget,sdk-server -am install -DskipTests}:
 * <pre>
 * mvn -q -pl sdk-server dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp sdk-server/target/test-classes:sdk-server/target/classes:$(cat sdk-server/target/cp.txt) \
 *      dev.mosaic.server.browser.E2eeFpsBenchmark
 * </pre>
 */
public final class E2eeFpsBenchmark {
    private static final Duration WARM_UP = Duration.ofSeconds(8);
    private static final Duration MEASURE = Duration.ofSeconds(15);

    private E2eeFpsBenchmark() {}

    public static void main(String[] args) throws Exception {
        try (MosaicServer server = MosaicServer.builder().port(0).devMode(true).start()) {
            server.rooms().create("plain-room", new RoomOptions(false, 0, null, false));
            server.rooms().create("e2ee-room", new RoomOptions(true, 0, null, false));
            for (String room : List.of("plain-room", "e2ee-room")) {
                measure(server, room);
            }
        }
        System.exit(0); // the WebDriver HTTP client leaves non-daemon threads behind
    }

    private static void measure(MosaicServer server, String room) throws Exception {
        try (DemoParticipant a = new DemoParticipant("A"); DemoParticipant b = new DemoParticipant("B")) {
            a.join(server.localUrl(), room, true, server.tokens().issue(room, "a", "A", Role.PARTICIPANT, Duration.ofMinutes(5)));
            b.join(server.localUrl(), room, true, server.tokens().issue(room, "b", "B", Role.PARTICIPANT, Duration.ofMinutes(5)));
            Thread.sleep(WARM_UP.toMillis());
            long a0 = decoded(a), b0 = decoded(b);
            Thread.sleep(MEASURE.toMillis());
            long a1 = decoded(a), b1 = decoded(b);
            double seconds = MEASURE.toMillis() / 1000.0;
            Object workerA = a.diagnostic("e2ee()");
            System.out.printf("%-10s frames decoded per second: A %.1f, B %.1f (frame height %s); worker: %s%n", room,
                    (a1 - a0) / seconds, (b1 - b0) / seconds, a.remoteVideo().get(0).get("frameHeight"), workerA);
        }
    }

    private static long decoded(DemoParticipant p) {
        return p.remoteVideo().stream().mapToLong(v -> ((Number) v.getOrDefault("framesDecoded", 0)).longValue()).sum();
    }
}
