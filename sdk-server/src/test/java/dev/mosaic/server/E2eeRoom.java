package dev.mosaic.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mosaic.core.protocol.Role;
import dev.mosaic.server.browser.DemoParticipant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An end-to-end encrypted room for the browser tests, new for each test: a dev-mode server on a loopback
 * port (its demo page is what the browsers open), the room created through the REST API with
 * {@code "e2ee": true}, browsers that join it in test mode (so the widget shows its E2EE counters), and
 * after the test everything it was handed closed, then the server stopped.
 *
 * <pre>{@code @RegisterExtension final E2eeRoom room = new E2eeRoom("secret-class");}</pre>
 */
public final class E2eeRoom implements BeforeEachCallback, AfterEachCallback {
    private final String name;
    private final List<AutoCloseable> open = new ArrayList<>();
    private MosaicServer server;

    public E2eeRoom(String name) {
        this.name = name;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        server = TestServers.builder().devMode(true).start();
        ApiCalls.Reply created =
                new ApiCalls(server).call("POST", "/api/rooms", "{\"room\":\"" + name + "\",\"e2ee\":true}");
        assertEquals(201, created.status(), created.raw());
    }

    /** Closes what the test opened, in order, even when one fails, then stops the server. */
    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        Exception failed = null;
        for (AutoCloseable c : open) {
            try {
                c.close();
            } catch (Exception e) {
                if (failed == null) {
                    failed = e;
                } else {
                    failed.addSuppressed(e);
                }
            }
        }
        open.clear();
        if (server != null) {
            server.stop();
        }
        if (failed != null) {
            throw failed;
        }
    }

    public MosaicServer server() {
        return server;
    }

    /** The room's name. */
    public String name() {
        return name;
    }

    /** A participant's join token for user id {@code user}, who is also its name (so a proxy can single one out). */
    public String token(String user) {
        return token(user, user);
    }

    /** A participant's join token for user id {@code user}, shown as {@code displayName}. */
    public String token(String user, String displayName) {
        return server.tokens().issue(name, user, displayName, Role.PARTICIPANT, Duration.ofMinutes(10));
    }

    /** A browser on the server's demo page that joined the room as {@code user}. */
    public DemoParticipant browser(String user) {
        return browser(server.localUrl(), user);
    }

    /** A browser that joined the room as {@code user} through {@code url} (a proxy in front of the server, say). */
    public DemoParticipant browser(String url, String user) {
        DemoParticipant p = closeAfter(new DemoParticipant(user));
        p.join(url, name, true, token(user));
        return p;
    }

    /** Closes {@code c} after the test, before the server stops; returns it. */
    public <T extends AutoCloseable> T closeAfter(T c) {
        open.add(c);
        return c;
    }

    /** For something the test closed itself. */
    public void closedAlready(AutoCloseable c) {
        open.remove(c);
    }
}
