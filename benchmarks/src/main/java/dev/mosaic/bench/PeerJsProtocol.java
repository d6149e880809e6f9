package dev.mosaic.bench;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URI;

/**
 * The PeerJS server protocol (read from the `peer` package source): the client picks its id and a
 * token in the URL, the server answers {@code OPEN}; {@code {type:"OFFER",dst,payload}} is relayed as
 * {@code {type,src,dst,payload}}. PeerJS has no rooms and no authentication, so it does less per message.
 */
public final class PeerJsProtocol implements SignalingProtocol {
    private final int port;

    public PeerJsProtocol(int port) {
        this.port = port;
    }

    private static String id(int index) {
        return "peer-" + index;
    }

    @Override
    public URI uri(int index) {
        return URI.create("ws://127.0.0.1:" + port + "/peerjs?key=peerjs&id=" + id(index) + "&token=t" + index);
    }

    @Override
    public String hello(int index) {
        return null;
    }

    @Override
    public String joinedId(String text, int index) {
        return text.contains("\"OPEN\"") ? id(index) : null;
    }

    @Override
    public String error(String text) {
        if (!text.contains("\"ERROR\"") && !text.contains("\"ID-TAKEN\"")) {
            return null;
        }
        JsonObject msg = JsonParser.parseString(text).getAsJsonObject();
        return msg.get("type").getAsString() + ": "
                + msg.getAsJsonObject("payload").get("msg").getAsString();
    }

    @Override
    public String offer(String to, String sdpJson) {
        return "{\"type\":\"OFFER\",\"dst\":\"" + to + "\",\"payload\":{\"type\":\"offer\",\"sdp\":" + sdpJson + "}}";
    }
}
