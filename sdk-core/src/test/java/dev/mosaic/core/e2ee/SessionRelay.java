package dev.mosaic.core.e2ee;

import com.google.gson.JsonObject;
import java.util.List;

/** Test helper: hands one relayed message to a session and summarises what it concluded. */
final class SessionRelay {
    private SessionRelay() {}

    /** Delivers {@code m}; returns the acks the session wants sent (for e2ee.key). */
    static List<JsonObject> deliver(E2eeSession s, JsonObject m) {
        JsonObject r = result(s, m);
        return r.has("ack") ? List.of(r.getAsJsonObject("ack")) : List.of();
    }

    /** Delivers {@code m} and describes the outcome as JSON, the "expect" of a transcript step. */
    static JsonObject result(E2eeSession s, JsonObject m) {
        JsonObject r = new JsonObject();
        switch (m.get("type").getAsString()) {
            case "e2ee.hello" -> r.addProperty("participantId", s.onHello(m).participantId());
            case "e2ee.roster" -> {
                E2eeSession.RosterAccepted a = s.onRoster(m);
                r.addProperty("epoch", a.roster().epoch());
                r.addProperty("securityCode", a.securityCode());
                r.addProperty("codeChanged", a.codeChanged());
            }
            case "e2ee.key" -> {
                E2eeSession.KeyInstalled k = s.onKey(m);
                r.addProperty("epoch", k.epoch());
                r.addProperty("mk", TestVectors.hex(k.mk()));
                r.add("ack", k.ack());
            }
            case "e2ee.activate" -> {
                E2eeSession.Activated a = s.onActivate(m);
                r.addProperty("epoch", a.epoch());
                r.addProperty("senderIndex", a.senderIndex());
            }
            case "chat.e2ee" -> {
                E2eeSession.ChatText t = s.decryptChat(m);
                r.addProperty("from", t.from());
                r.addProperty("text", t.text());
            }
            default -> throw new IllegalArgumentException("not an E2EE message: " + m);
        }
        return r;
    }
}
