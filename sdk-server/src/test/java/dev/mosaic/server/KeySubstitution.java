package dev.mosaic.server;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.mosaic.core.e2ee.EphemeralKey;
import dev.mosaic.core.e2ee.HelloBinding;
import dev.mosaic.core.e2ee.IdentityKey;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A man in the middle of end-to-end encryption, for the tests that prove the security code exposes
 * one: plugged into {@link ServerInTheMiddle}, it replaces the identity and ephemeral keys in the
 * {@code e2ee.hello} of the participant whose user id is the target, as every other client receives
 * it, validly signed with its own key, so every signature checks and the leader wraps the meeting key
 * for the attacker. The target, which knows its own key, then computes a different security code.
 * It lives in test sources only: no server can be built with it.
 */
public final class KeySubstitution implements ServerInTheMiddle.Rewriter {
    private record Fake(IdentityKey ik, EphemeralKey ek) {}

    private final String targetUserId;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Fake> fakes = new ConcurrentHashMap<>();
    /** Participant ids the target joined with (learnt from its own {@code joined}). */
    private final Set<String> targetIds = ConcurrentHashMap.newKeySet();

    private KeySubstitution(String targetUserId) {
        this.targetUserId = targetUserId;
    }

    /** Substitutes the keys of the participant(s) joining with user id {@code targetUserId}. */
    public static KeySubstitution ofUser(String targetUserId) {
        return new KeySubstitution(targetUserId);
    }

    @Override
    public List<String> toClient(ServerInTheMiddle.Connection connection, String text) {
        JsonObject m = JsonParser.parseString(text).getAsJsonObject();
        String type = m.has("type") ? m.get("type").getAsString() : "";
        if ("joined".equals(type)) {
            JsonObject you = m.getAsJsonObject("you");
            if (you.has("userId") && targetUserId.equals(you.get("userId").getAsString())) {
                targetIds.add(you.get("id").getAsString());
            }
        } else if ("e2ee.hello".equals(type)
                && targetIds.contains(m.get("participantId").getAsString())) {
            return List.of(substitute(m));
        }
        return List.of(text);
    }

    /** The hello with {@code ik}, {@code ek} and {@code sig} replaced; other fields stay as sent. */
    private String substitute(JsonObject hello) {
        String participantId = hello.get("participantId").getAsString();
        Fake fake = fakes.computeIfAbsent(
                participantId, id -> new Fake(IdentityKey.generate(random), EphemeralKey.generate(random)));
        byte[] dtlsFp = hello.has("dtlsFp")
                ? HexFormat.of().parseHex(hello.get("dtlsFp").getAsString())
                : null;
        HelloBinding binding = new HelloBinding(
                hello.get("roomId").getAsString(),
                hello.get("sessionId").getAsString(),
                participantId,
                hello.get("name").getAsString(),
                fake.ek().publicKey(),
                dtlsFp);
        Base64.Encoder b64 = Base64.getEncoder();
        hello.addProperty("ik", b64.encodeToString(fake.ik().publicKey()));
        hello.addProperty("ek", b64.encodeToString(fake.ek().publicKey()));
        hello.addProperty("sig", b64.encodeToString(binding.sign(fake.ik())));
        return hello.toString();
    }
}
