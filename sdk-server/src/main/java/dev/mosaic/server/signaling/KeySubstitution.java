package dev.mosaic.server.signaling;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.mosaic.core.e2ee.EphemeralKey;
import dev.mosaic.core.e2ee.HelloBinding;
import dev.mosaic.core.e2ee.IdentityKey;
import dev.mosaic.core.protocol.Participant;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * TEST ONLY: makes the server a man in the middle of end-to-end encryption, to prove that the
 * security code exposes one. The {@code e2ee.hello} of the participant whose user id is the target
 * reaches the others with the server's own identity and ephemeral keys in place of theirs, validly
 * signed by the server's key, so every signature checks and the leader wraps the meeting key for the
 * server. The target, which knows its own key, then computes a different security code from
 * everyone else. Only {@code MosaicServer.Builder.testOnlyKeySubstitution} turns this on; the
 * command line ({@code java -jar}) cannot.
 */
public final class KeySubstitution {
    private record Fake(IdentityKey ik, EphemeralKey ek) {}

    private final String targetUserId;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Fake> fakes = new ConcurrentHashMap<>();

    private KeySubstitution(String targetUserId) {
        this.targetUserId = targetUserId;
    }

    /** Substitutes the keys of the participant(s) joining with user id {@code targetUserId}. */
    public static KeySubstitution ofUser(String targetUserId) {
        return new KeySubstitution(targetUserId);
    }

    boolean targets(Participant sender) {
        return targetUserId.equals(sender.userId());
    }

    /** The hello with {@code ik}, {@code ek} and {@code sig} replaced; other fields stay as sent. */
    String substitute(String helloText) {
        JsonObject hello = JsonParser.parseString(helloText).getAsJsonObject();
        String participantId = hello.get("participantId").getAsString();
        Fake fake = fakes.computeIfAbsent(participantId,
                id -> new Fake(IdentityKey.generate(random), EphemeralKey.generate(random)));
        byte[] dtlsFp = hello.has("dtlsFp") ? HexFormat.of().parseHex(hello.get("dtlsFp").getAsString()) : null;
        HelloBinding binding = new HelloBinding(hello.get("roomId").getAsString(), hello.get("sessionId").getAsString(),
                participantId, fake.ek().publicKey(), dtlsFp);
        Base64.Encoder b64 = Base64.getEncoder();
        hello.addProperty("ik", b64.encodeToString(fake.ik().publicKey()));
        hello.addProperty("ek", b64.encodeToString(fake.ek().publicKey()));
        hello.addProperty("sig", b64.encodeToString(binding.sign(fake.ik())));
        return hello.toString();
    }
}
