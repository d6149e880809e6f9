package dev.mosaic.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layers of docs/architecture.md, read from the sources' imports: a package that reaches into one it
 * must not know fails here with the file and the import.
 */
class PackageBoundariesTest {
    private static final Path SOURCES = Path.of("src/main/java/dev/mosaic/server");
    private static final Pattern SERVER_IMPORT =
            Pattern.compile("(?m)^import (?:static )?dev\\.mosaic\\.server\\.([a-z]+)\\.");

    @Test
    void theCallbackApiKnowsNoOtherServerPackage() throws IOException {
        assertEquals(List.of(), importsOf("events", Set.of("room", "lti", "signaling", "web", "webhook", "ice")));
    }

    @Test
    void roomsKnowNeitherTransportsNorTheLtiTool() throws IOException {
        assertEquals(List.of(), importsOf("room", Set.of("lti", "signaling", "web", "webhook")));
    }

    @Test
    void webhooksAndTheLtiToolOnlyReportEvents() throws IOException {
        assertEquals(List.of(), importsOf("webhook", Set.of("room", "lti", "signaling", "web")));
        assertEquals(List.of(), importsOf("lti", Set.of("room", "signaling", "webhook")));
    }

    @Test
    void theDispatcherThatDeliversCallbacksLivesWithThem() {
        assertTrue(Files.isRegularFile(SOURCES.resolve("events/EventDispatcher.java")));
        assertTrue(Files.isRegularFile(SOURCES.resolve("events/LtiLaunch.java")), "the LTI event is an event");
    }

    /** Imports from {@code pkg} into any of {@code forbidden}, as "file: package". */
    private static List<String> importsOf(String pkg, Set<String> forbidden) throws IOException {
        List<String> found = new ArrayList<>();
        Path dir = SOURCES.resolve(pkg);
        assertTrue(Files.isDirectory(dir), dir.toAbsolutePath() + " (run from sdk-server)");
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = SERVER_IMPORT.matcher(Files.readString(file));
                while (m.find()) {
                    if (forbidden.contains(m.group(1))) {
                        found.add(SOURCES.relativize(file) + ": " + m.group(1));
                    }
                }
            }
        }
        return found;
    }
}
