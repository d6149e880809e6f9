package dev.mosaic.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mosaic.core.protocol.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HttpStatusesTest {
    @Test
    void limitsAndRoomStatesGetTheStatusesHttpClientsExpect() {
        assertEquals(429, HttpStatuses.of(ErrorCode.RATE_LIMITED), "a client backs off and retries");
        assertEquals(409, HttpStatuses.of(ErrorCode.ROOM_FULL));
        assertEquals(409, HttpStatuses.of(ErrorCode.CONFLICT));
        assertEquals(403, HttpStatuses.of(ErrorCode.ROOM_LOCKED));
        assertEquals(403, HttpStatuses.of(ErrorCode.FORBIDDEN));
        assertEquals(413, HttpStatuses.of(ErrorCode.TOO_LARGE));
        assertEquals(404, HttpStatuses.of(ErrorCode.NOT_FOUND));
        assertEquals(401, HttpStatuses.of(ErrorCode.TOKEN_EXPIRED));
        assertEquals(400, HttpStatuses.of(ErrorCode.BAD_REQUEST));
    }

    /** docs/rest.md lists every code with its status; a code added without a row fails here. */
    @Test
    void docsRestListsEveryCodeWithTheStatusItGets() throws Exception {
        String docs = Files.readString(locate("docs/rest.md"));
        Map<String, Integer> documented = new HashMap<>();
        Matcher row = Pattern.compile("(?m)^\\| `(\\d{3})` \\| (.+?) \\|").matcher(docs);
        while (row.find()) {
            Matcher code = Pattern.compile("`([a-z_]+)`").matcher(row.group(2));
            while (code.find()) {
                documented.put(code.group(1), Integer.parseInt(row.group(1)));
            }
        }
        for (ErrorCode code : ErrorCode.values()) {
            assertEquals(
                    Integer.valueOf(HttpStatuses.of(code)),
                    documented.get(code.wireName()),
                    code.wireName() + " in docs/rest.md's status table");
        }
        assertEquals(
                ErrorCode.values().length,
                documented.size(),
                "no code in the table that the server lacks: " + documented);
    }

    private static Path locate(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(relative))) {
                return dir.resolve(relative);
            }
        }
        throw new IllegalStateException("cannot find " + relative);
    }
}
