package dev.mosaic.server;

import java.util.Map;

/** Lets tests in other packages parse command lines as {@code java -jar} would. */
public final class MainAccess {
    /** The app secret of the test servers, for tests in other packages. */
    public static final String SECRET = TestServers.SECRET;

    private MainAccess() {}

    public static MosaicServer.Builder parse(String[] args, Map<String, String> env) {
        return Main.parse(args, env);
    }
}
