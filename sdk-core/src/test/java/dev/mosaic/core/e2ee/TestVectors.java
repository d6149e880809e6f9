package dev.mosaic.core.e2ee;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Reads the JSON vector files under src/test/resources/vectors. */
final class TestVectors {
    private static final HexFormat HEX = HexFormat.of();

    private TestVectors() {}

    static JsonObject load(String name) {
        try (InputStream in = TestVectors.class.getResourceAsStream("/vectors/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource vectors/" + name);
            }
            return JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8))
                    .getAsJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] hex(JsonObject o, String field) {
        return HEX.parseHex(o.get(field).getAsString());
    }

    static String hex(byte[] b) {
        return HEX.formatHex(b);
    }

    static byte[] unhex(String s) {
        return HEX.parseHex(s);
    }

    /** A u64 from JSON; values above Long.MAX_VALUE keep their bits. */
    static long u64(JsonElement e) {
        return e.getAsBigInteger().longValue();
    }
}
