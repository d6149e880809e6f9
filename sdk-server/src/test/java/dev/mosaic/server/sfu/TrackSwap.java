package dev.mosaic.server.sfu;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.mosaic.server.ServerInTheMiddle;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A lying server for SFU rooms: in every {@code sfu.offer} sent to {@code victim} it swaps which of two
 * participants each track belongs to, so the victim's widget puts {@code a}'s media on {@code b}'s tile and
 * the other way round, as a server (which names the participant of each mid) or a Janus (which chooses what
 * each mid carries) could. Participants are recognised by the name their {@code joined} carries.
 */
final class TrackSwap implements ServerInTheMiddle.Rewriter {
    private final String victim;
    private final String a;
    private final String b;
    private final Map<ServerInTheMiddle.Connection, String> names = new ConcurrentHashMap<>();
    private final Map<String, String> ids = new ConcurrentHashMap<>();

    TrackSwap(String victim, String a, String b) {
        this.victim = victim;
        this.a = a;
        this.b = b;
    }

    @Override
    public List<String> toClient(ServerInTheMiddle.Connection connection, String text) {
        JsonObject m = JsonParser.parseString(text).getAsJsonObject();
        String type = m.has("type") ? m.get("type").getAsString() : "";
        if ("joined".equals(type)) {
            JsonObject you = m.getAsJsonObject("you");
            names.put(connection, you.get("name").getAsString());
            ids.put(you.get("name").getAsString(), you.get("id").getAsString());
        } else if ("sfu.offer".equals(type) && victim.equals(names.get(connection))) {
            String idA = ids.get(a);
            String idB = ids.get(b);
            if (idA != null && idB != null && m.get("tracks") != null) {
                for (JsonElement t : m.getAsJsonArray("tracks")) {
                    JsonObject track = t.getAsJsonObject();
                    String owner = track.get("participantId").getAsString();
                    if (owner.equals(idA)) {
                        track.addProperty("participantId", idB);
                    } else if (owner.equals(idB)) {
                        track.addProperty("participantId", idA);
                    }
                }
                return List.of(m.toString());
            }
        }
        return List.of(text);
    }
}
