package dev.mosaic.server.sfu;

import com.google.gson.JsonObject;
import java.util.concurrent.CompletableFuture;

/** One plugin handle on a {@link JanusClient}: plugin messages, trickled candidates, detach. */
public final class JanusHandle {
    private final JanusClient client;
    private final long id;

    JanusHandle(JanusClient client, long id) {
        this.client = client;
        this.id = id;
    }

    /**
     * Sends {@code body} (and {@code jsep}, or null) to the plugin. The future holds Janus's answer:
     * the {@code success} of a synchronous request or the plugin's {@code event} of an asynchronous
     * one; its {@code plugindata.data} is {@link JanusClient#pluginData}.
     */
    public CompletableFuture<JsonObject> message(JsonObject body, JsonObject jsep) {
        JsonObject m = client.sessionMessage("message");
        m.addProperty("handle_id", id);
        m.add("body", body);
        if (jsep != null) {
            m.add("jsep", jsep);
        }
        return client.request(m, false);
    }

    /** A candidate from the browser ({@code candidate, sdpMid, sdpMLineIndex}), or null for the end of them. */
    public CompletableFuture<JsonObject> trickle(JsonObject candidate) {
        JsonObject m = client.sessionMessage("trickle");
        m.addProperty("handle_id", id);
        if (candidate == null) {
            JsonObject completed = new JsonObject();
            completed.addProperty("completed", true);
            m.add("candidate", completed);
        } else {
            m.add("candidate", candidate);
        }
        return client.request(m, true);
    }

    /** Detaches the handle: Janus hangs up its PeerConnection and, for a publisher, ends its feed. */
    public CompletableFuture<JsonObject> detach() {
        JsonObject m = client.sessionMessage("detach");
        m.addProperty("handle_id", id);
        client.forget(id);
        return client.request(m, false);
    }
}
