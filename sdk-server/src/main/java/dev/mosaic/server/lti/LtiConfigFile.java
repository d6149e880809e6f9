package dev.mosaic.server.lti;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The standalone server's LTI platforms, from a JSON file ({@code --lti-config}, {@code MOSAIC_LTI_CONFIG}):
 * <pre>{@code
 * {"platforms": [{"issuer": "https://moodle.school.org", "clientId": "AbC123",
 *   "authenticationRequestUrl": "https://moodle.school.org/mod/lti/auth.php",
 *   "jwksUrl": "https://moodle.school.org/mod/lti/certs.php", "deploymentIds": ["1"],
 *   "frameOrigins": []}]}
 * }</pre>
 * Errors name the file, the platform and the field, for the administrator who wrote it.
 */
public final class LtiConfigFile {
    private LtiConfigFile() {}

    public static List<LtiPlatform> read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the LTI configuration " + file + ": " + e.getMessage());
        }
        try {
            return parse(text);
        } catch (JsonParseException | IllegalStateException | IllegalArgumentException e) {
            throw new IllegalArgumentException("LTI configuration " + file + ": " + e.getMessage());
        }
    }

    static List<LtiPlatform> parse(String json) {
        JsonElement root = JsonParser.parseString(json);
        if (!root.isJsonObject()
                || !root.getAsJsonObject().has("platforms")
                || !root.getAsJsonObject().get("platforms").isJsonArray()) {
            throw new IllegalArgumentException("expected {\"platforms\": [ ... ]}");
        }
        List<LtiPlatform> platforms = new ArrayList<>();
        JsonArray list = root.getAsJsonObject().getAsJsonArray("platforms");
        for (int i = 0; i < list.size(); i++) {
            if (!list.get(i).isJsonObject()) {
                throw new IllegalArgumentException("platforms[" + i + "] must be an object");
            }
            JsonObject p = list.get(i).getAsJsonObject();
            String where = "platforms[" + i + "]";
            platforms.add(new LtiPlatform(
                    text(p, "issuer", where),
                    text(p, "clientId", where),
                    url(p, "authenticationRequestUrl", where),
                    url(p, "jwksUrl", where),
                    Set.copyOf(strings(p, "deploymentIds", where)),
                    p.has("frameOrigins") ? strings(p, "frameOrigins", where) : List.of()));
        }
        return platforms;
    }

    private static String text(JsonObject o, String field, String where) {
        JsonElement e = o.get(field);
        if (e == null
                || !e.isJsonPrimitive()
                || !e.getAsJsonPrimitive().isString()
                || e.getAsString().isBlank()) {
            throw new IllegalArgumentException(where + "." + field + " is required (a string)");
        }
        return e.getAsString().strip();
    }

    private static URI url(JsonObject o, String field, String where) {
        try {
            return new URI(text(o, field, where));
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException(where + "." + field + " is not a URL: " + e.getMessage());
        }
    }

    private static List<String> strings(JsonObject o, String field, String where) {
        JsonElement e = o.get(field);
        if (e == null || !e.isJsonArray()) {
            throw new IllegalArgumentException(where + "." + field + " must be a list of strings");
        }
        Set<String> values = new LinkedHashSet<>();
        for (JsonElement item : e.getAsJsonArray()) {
            if (!item.isJsonPrimitive() || !item.getAsJsonPrimitive().isString()) {
                throw new IllegalArgumentException(where + "." + field + " must be a list of strings");
            }
            values.add(item.getAsString().strip());
        }
        return List.copyOf(values);
    }
}
