package dev.mosaic.server;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Calls a test server's REST API the way a host application's backend does. */
final class ApiCalls {
    private final HttpClient http = HttpClient.newHttpClient();
    private final MosaicServer server;

    ApiCalls(MosaicServer server) {
        this.server = server;
    }

    record Reply(int status, String raw) {
        JsonObject json() {
            return JsonParser.parseString(raw).getAsJsonObject();
        }

        JsonElement body() {
            return JsonParser.parseString(raw);
        }

        /** The stable error code of an error reply. */
        String code() {
            return json().get("code").getAsString();
        }
    }

    /** With the app secret. */
    Reply call(String method, String path, String body) throws Exception {
        return call(method, path, body, TestServers.SECRET);
    }

    /** With {@code secret} as the bearer token, or no Authorization header when null. */
    Reply call(String method, String path, String body, String secret) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (secret != null) {
            request.header("Authorization", "Bearer " + secret);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body());
    }
}
