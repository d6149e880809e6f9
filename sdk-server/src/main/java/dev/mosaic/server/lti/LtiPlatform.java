package dev.mosaic.server.lti;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One learning platform (Moodle, Canvas, ...) registered with Mosaic, with the values its
 * administrator reads from the LMS's tool registration page.
 *
 * @param issuer                   the platform's issuer ({@code iss}), e.g. {@code https://moodle.school.org}
 * @param clientId                 the client id the LMS gave Mosaic
 * @param authenticationRequestUrl the LMS's OIDC authorisation endpoint, where logins are sent
 * @param jwksUrl                  where the LMS publishes the public keys that sign its id_tokens
 * @param deploymentIds            deployment ids accepted from this platform (at least one)
 * @param frameOrigins             origins of LMS pages that frame Mosaic besides the issuer's and the
 *                                 authorisation endpoint's (e.g. {@code https://school.instructure.com} for Canvas)
 */
public record LtiPlatform(
        String issuer,
        String clientId,
        URI authenticationRequestUrl,
        URI jwksUrl,
        Set<String> deploymentIds,
        List<String> frameOrigins) {
    public LtiPlatform {
        requireText(issuer, "issuer");
        requireText(clientId, "clientId");
        requireWebUrl(authenticationRequestUrl, "authenticationRequestUrl");
        requireWebUrl(jwksUrl, "jwksUrl");
        deploymentIds = Set.copyOf(new LinkedHashSet<>(Objects.requireNonNull(deploymentIds, "deploymentIds")));
        if (deploymentIds.isEmpty() || deploymentIds.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("LTI platform " + issuer
                    + ": list at least one deployment id (the LMS shows it " + "after the tool is deployed)");
        }
        frameOrigins = List.copyOf(Objects.requireNonNull(frameOrigins, "frameOrigins"));
        for (String origin : frameOrigins) {
            if (!origin.equals(originOf(URI.create(origin)))) {
                throw new IllegalArgumentException(
                        "LTI platform " + issuer + ": frame origin must be scheme://host[:port], got " + origin);
            }
        }
    }

    /** A platform with one deployment and no extra frame origins. */
    public LtiPlatform(String issuer, String clientId, URI authenticationRequestUrl, URI jwksUrl, String deploymentId) {
        this(issuer, clientId, authenticationRequestUrl, jwksUrl, Set.of(deploymentId), List.of());
    }

    /** Origins whose pages may frame the launch: the issuer's (when it is a URL), the login endpoint's, and the listed ones. */
    public Set<String> framingOrigins() {
        Set<String> origins = new LinkedHashSet<>();
        try {
            URI issuerUri = URI.create(issuer);
            if ("https".equals(issuerUri.getScheme()) || "http".equals(issuerUri.getScheme())) {
                origins.add(originOf(issuerUri));
            }
        } catch (IllegalArgumentException e) {
            // an issuer need not be a URL
        }
        origins.add(originOf(authenticationRequestUrl));
        origins.addAll(frameOrigins);
        return origins;
    }

    static String originOf(URI uri) {
        String scheme = uri.getScheme();
        if (scheme == null || uri.getHost() == null) {
            throw new IllegalArgumentException("not an absolute URL: " + uri);
        }
        return scheme.toLowerCase(java.util.Locale.ROOT) + "://" + uri.getHost().toLowerCase(java.util.Locale.ROOT)
                + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("LTI platform: " + name + " is required");
        }
    }

    /** HTTPS, except on this machine (tests, a local LMS): id_token keys must not travel in clear over a network. */
    private static void requireWebUrl(URI url, String name) {
        Objects.requireNonNull(url, name);
        String scheme = url.getScheme();
        String host = url.getHost();
        boolean loopback = "localhost".equalsIgnoreCase(host) || "127.0.0.1".equals(host) || "[::1]".equals(host);
        if (host == null || !("https".equals(scheme) || ("http".equals(scheme) && loopback))) {
            throw new IllegalArgumentException(
                    "LTI platform: " + name + " must be an https:// URL (http only on localhost), got " + url);
        }
    }
}
