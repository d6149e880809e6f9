package dev.mosaic.core.e2ee;

import static dev.mosaic.core.e2ee.TestVectors.hex;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes vectors/wmx1-session-transcript.json: a Java leader (alice) and a Java member (bob) run
 * two epochs with a third member, carol, whose keys are fixed. The file lists every message carol
 * receives, in order, with what carol must answer or conclude. Java ({@link SessionTranscriptTest})
 * and the widget (test/wmx1-session.test.js) replay it as carol: a browser member in a room led by a
 * Java participant, on the exact JSON the server would relay. Frozen like wmx1-interop.json:
 * {@code java -cp <test classpath> dev.mosaic.core.e2ee.SessionTranscriptWriter out.json}.
 */
public final class SessionTranscriptWriter {
    static final String ROOM = "physics-101";
    static final String SESSION = "9e1f0c2d3b4a59687766554433221100";

    private SessionTranscriptWriter() {}

    /** Deterministic "random" bytes per participant, so the transcript can be regenerated identically. */
    static E2eeSession.RandomBytes counterRandom(String who) {
        int[] counter = {0};
        return n ->
                java.util.Arrays.copyOf(InteropVectorsWriter.fixed("transcript random " + who + " " + counter[0]++), n);
    }

    static E2eeSession.Config config(String id, ManualClock clock) {
        return new E2eeSession.Config(
                ROOM,
                SESSION,
                id,
                InteropVectorsWriter.nameOf(id),
                IdentityKey.fromPrivateKey(InteropVectorsWriter.fixed("transcript " + id + " ik")),
                EphemeralKey.fromPrivateKey(InteropVectorsWriter.fixed("transcript " + id + " ek")),
                id.equals("carol") ? InteropVectorsWriter.fixed("carol dtls certificate") : null,
                id.equals("carol") ? List.of("media", "chat") : List.of("chat"),
                clock,
                counterRandom(id));
    }

    public static void main(String[] args) throws IOException {
        ManualClock clock = new ManualClock();
        E2eeSession alice = new E2eeSession(config("alice", clock));
        E2eeSession bob = new E2eeSession(config("bob", clock));
        E2eeSession carol = new E2eeSession(config("carol", clock));
        JsonArray steps = new JsonArray();

        for (E2eeSession s : List.of(alice, bob)) {
            s.onHello(carol.hello());
            toCarol(steps, carol, s.hello());
        }
        alice.onHello(bob.hello());
        bob.onHello(alice.hello());

        runEpoch(alice, List.of(bob), carol, steps, alice.startEpoch(List.of("bob", "carol")));
        toCarol(steps, carol, bob.encryptChat("Bob (Java) says hi"));
        toCarol(steps, carol, alice.encryptChat("Alice leads; émile arrives soon 👋"));

        // bob leaves: alice rotates to an epoch without him
        runEpoch(alice, List.of(), carol, steps, alice.startEpoch(List.of("carol")));
        toCarol(steps, carol, alice.encryptChat("epoch 2, only carol and me"));

        Map<String, Object> out = new LinkedHashMap<>();
        out.put(
                "description",
                "WMX1 session transcript from sdk-core SessionTranscriptWriter (frozen): every message carol"
                        + " receives from a Java leader and member, in order, with carol's expected answer or result.");
        out.put("roomId", ROOM);
        out.put("sessionId", SESSION);
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", InteropVectorsWriter.nameOf("carol"));
        c.put("ikPrivate", hex(InteropVectorsWriter.fixed("transcript carol ik")));
        c.put("ekPrivate", hex(InteropVectorsWriter.fixed("transcript carol ek")));
        c.put("dtlsFp", hex(InteropVectorsWriter.fixed("carol dtls certificate")));
        c.put("hello", carol.hello());
        out.put("carol", c);
        out.put("steps", steps);
        String json = new GsonBuilder()
                        .setPrettyPrinting()
                        .disableHtmlEscaping()
                        .create()
                        .toJson(out) + "\n";
        Files.writeString(Path.of(args[0]), json, StandardCharsets.UTF_8);
    }

    /** Delivers the leader's epoch messages to everyone, recording carol's part; acks go back to the leader. */
    private static void runEpoch(
            E2eeSession leader,
            List<E2eeSession> members,
            E2eeSession carol,
            JsonArray steps,
            List<E2eeSession.Outgoing> sent) {
        List<E2eeSession.Outgoing> pending = new ArrayList<>(sent);
        while (!pending.isEmpty()) {
            E2eeSession.Outgoing o = pending.remove(0);
            for (E2eeSession m : members) {
                if (o.to() == null || o.to().equals(participantId(m))) {
                    for (JsonObject ack : SessionRelay.deliver(m, o.message())) {
                        pending.addAll(leader.onAck(ack));
                    }
                }
            }
            if (o.to() == null || o.to().equals("carol")) {
                JsonObject result = toCarol(steps, carol, o.message());
                if (result.has("ack")) {
                    pending.addAll(leader.onAck(result.getAsJsonObject("ack")));
                }
            }
        }
    }

    private static String participantId(E2eeSession s) {
        return s.hello().get("participantId").getAsString();
    }

    /** Carol (in Java) handles the message; her conclusion becomes the step's expectation. */
    private static JsonObject toCarol(JsonArray steps, E2eeSession carol, JsonObject message) {
        JsonObject expect = SessionRelay.result(carol, message);
        step(steps, message, expect);
        return expect;
    }

    private static void step(JsonArray steps, JsonObject message, JsonObject expect) {
        JsonObject s = new JsonObject();
        s.add("message", message);
        s.add("expect", expect);
        steps.add(s);
    }
}
