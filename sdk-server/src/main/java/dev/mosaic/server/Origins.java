package dev.mosaic.server;

import java.net.URI;
import java.net.URISyntaxException;

/** Checks origins given in configuration, so a typo fails at start and not in a user's browser. */
public final class Origins {
    private Origins() {}

    /** Returns {@code origin} if it is {@code scheme://host[:port]} with nothing after; throws otherwise. */
    public static String requireOrigin(String origin) {
        try {
            URI uri = new URI(origin);
            boolean bare = uri.getScheme() != null
                    && uri.getHost() != null
                    && (uri.getRawPath() == null || uri.getRawPath().isEmpty())
                    && uri.getRawQuery() == null
                    && uri.getRawFragment() == null
                    && uri.getUserInfo() == null;
            if (bare && (uri.getScheme().equals("https") || uri.getScheme().equals("http"))) {
                return origin;
            }
        } catch (URISyntaxException e) {
            // fall through to the error below
        }
        throw new IllegalArgumentException(
                "not an origin: '" + origin + "' (expected e.g. https://school.example.org)");
    }
}
