package dev.mosaic.server.lti;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small learning platform for tests, on {@code http://127.0.0.1:PORT}: an RSA key and its JWKS at
 * {@code /jwks}, an OIDC authorisation endpoint at {@code /auth} that answers, like Moodle or Canvas,
 * with a page that auto-posts a signed id_token to the tool, and a course page whose links open the
 * tool in an iframe through a third-party initiated login.
 */
final class TestLms implements AutoCloseable {
    static final String CLIENT_ID = "mosaic-client-1";
    static final String DEPLOYMENT_ID = "deployment-1";
    static final String LTI = "https://purl.imsglobal.org/spec/lti/claim/";
    static final String INSTRUCTOR = "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor";
    static final String LEARNER = "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner";
    static final String MENTOR = "http://purl.imsglobal.org/vocab/lis/v2/membership#Mentor";

    record User(String sub, String name, List<String> roles) {}

    record Link(String contextId, String contextTitle, String linkId, String linkTitle) {}

    private final HttpServer http;
    private final RSAKey key;
    private final AtomicInteger jwksRequests = new AtomicInteger();
    private final Map<String, User> users = new LinkedHashMap<>();
    private final Map<String, Link> links = new LinkedHashMap<>();
    private volatile String toolUrl;

    TestLms() {
        try {
            key = new RSAKeyGenerator(2048).keyID("lms-key-1").generate();
            http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        users.put("teacher", new User("u-100", "Ada Lovelace", List.of(INSTRUCTOR)));
        users.put("student", new User("u-200", "Blaise Pascal", List.of(LEARNER)));
        users.put("parent", new User("u-300", "Carl Mentor", List.of(MENTOR)));
        links.put("maths", new Link("course-7", "Maths 7B", "link-maths-live", "Live class"));
        links.put("physics", new Link("course-7", "Maths 7B", "link-physics-live", "Physics corner"));
        http.createContext("/jwks", this::jwks);
        http.createContext("/auth", this::authorise);
        http.createContext("/course", this::course);
        http.start();
    }

    /** Where Mosaic runs, e.g. {@code http://localhost:8080}: its login and launch URLs hang off it. */
    TestLms useTool(String toolUrl) {
        this.toolUrl = toolUrl;
        return this;
    }

    String issuer() {
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    LtiPlatform registration() {
        return new LtiPlatform(
                issuer(), CLIENT_ID, URI.create(issuer() + "/auth"), URI.create(issuer() + "/jwks"), DEPLOYMENT_ID);
    }

    int jwksRequests() {
        return jwksRequests.get();
    }

    RSAKey key() {
        return key;
    }

    /** The claims the LMS puts in a launch of {@code link} by {@code user}, ready for a test to alter. */
    JWTClaimsSet.Builder launchClaims(String user, String link, String nonce) {
        User u = users.get(user);
        Link l = links.get(link);
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(issuer())
                .audience(CLIENT_ID)
                .subject(u.sub())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
                .claim("nonce", nonce)
                .claim("name", u.name())
                .claim("email", u.sub() + "@school.test")
                .claim("locale", "en")
                .claim(LTI + "message_type", "LtiResourceLinkRequest")
                .claim(LTI + "version", "1.3.0")
                .claim(LTI + "deployment_id", DEPLOYMENT_ID)
                .claim(LTI + "target_link_uri", toolUrl + "/lti/launch")
                .claim(LTI + "roles", u.roles())
                .claim(LTI + "context", Map.of("id", l.contextId(), "title", l.contextTitle(), "label", "MATH-7B"))
                .claim(LTI + "resource_link", Map.of("id", l.linkId(), "title", l.linkTitle()));
    }

    /** Signs with the LMS's key (RS256), as the real authorisation endpoint does. */
    String sign(JWTClaimsSet claims) {
        return sign(claims, key);
    }

    static String sign(JWTClaimsSet claims, RSAKey with) {
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(with.getKeyID())
                            .type(JOSEObjectType.JWT)
                            .build(),
                    claims);
            jwt.sign(new RSASSASigner(with));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The login URL an LMS would open for {@code user} on {@code link} (a GET third-party initiated login). */
    String loginUrl(String user, String link) {
        return toolUrl + "/lti/login?" + query(loginParams(user, link));
    }

    Map<String, String> loginParams(String user, String link) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("iss", issuer());
        params.put("login_hint", user);
        params.put("target_link_uri", toolUrl + "/lti/launch");
        params.put("lti_message_hint", link);
        params.put("client_id", CLIENT_ID);
        params.put("lti_deployment_id", DEPLOYMENT_ID);
        return params;
    }

    private void jwks(HttpExchange exchange) throws IOException {
        jwksRequests.incrementAndGet();
        respond(exchange, 200, "application/json", new JWKSet(key.toPublicJWK()).toString());
    }

    /** The OIDC authorisation endpoint: checks the tool's request like a real platform, then form_posts the id_token. */
    private void authorise(HttpExchange exchange) throws IOException {
        Map<String, String> q = params(exchange.getRequestURI().getRawQuery());
        String problem = null;
        if (!"openid".equals(q.get("scope"))
                || !"id_token".equals(q.get("response_type"))
                || !"form_post".equals(q.get("response_mode"))
                || !"none".equals(q.get("prompt"))) {
            problem = "scope, response_type, response_mode or prompt wrong: " + q;
        } else if (!CLIENT_ID.equals(q.get("client_id"))) {
            problem = "unknown client_id " + q.get("client_id");
        } else if (!(toolUrl + "/lti/launch").equals(q.get("redirect_uri"))) {
            problem = "redirect_uri not registered: " + q.get("redirect_uri");
        } else if (q.get("nonce") == null || q.get("state") == null) {
            problem = "nonce and state are required";
        } else if (!users.containsKey(q.get("login_hint")) || !links.containsKey(q.get("lti_message_hint"))) {
            problem = "unknown login_hint or lti_message_hint";
        }
        if (problem != null) {
            respond(exchange, 400, "text/plain", problem);
            return;
        }
        String idToken = sign(launchClaims(q.get("login_hint"), q.get("lti_message_hint"), q.get("nonce"))
                .build());
        respond(
                exchange,
                200,
                "text/html; charset=utf-8",
                autoPost(q.get("redirect_uri"), Map.of("id_token", idToken, "state", q.get("state"))));
    }

    /**
     * {@code /course?user=U}: the course page with a link per tool activity; {@code /course/launch}:
     * the activity page framing the tool; {@code /course/initiate}: the frame's login initiation (POST).
     */
    private void course(HttpExchange exchange) throws IOException {
        Map<String, String> q = params(exchange.getRequestURI().getRawQuery());
        String path = exchange.getRequestURI().getPath();
        String user = q.get("user");
        if (!users.containsKey(user)) {
            respond(exchange, 404, "text/plain", "no such user");
            return;
        }
        switch (path) {
            case "/course" -> {
                StringBuilder list = new StringBuilder();
                links.forEach((id, l) -> list.append("<li><a id=\"link-")
                        .append(id)
                        .append("\" href=\"/course/launch?user=")
                        .append(user)
                        .append("&link=")
                        .append(id)
                        .append("\">")
                        .append(l.linkTitle())
                        .append("</a></li>"));
                respond(
                        exchange,
                        200,
                        "text/html; charset=utf-8",
                        "<!doctype html><title>Maths 7B</title><h1>Maths 7B</h1><ul>" + list + "</ul>");
            }
            case "/course/launch" ->
                respond(
                        exchange,
                        200,
                        "text/html; charset=utf-8",
                        "<!doctype html><title>"
                                + links.get(q.get("link")).linkTitle() + "</title><h1>"
                                + links.get(q.get("link")).linkTitle() + "</h1>"
                                + "<iframe id=\"tool\" style=\"width:1200px;height:760px\" allow=\"camera *; microphone *; display-capture *; autoplay *; fullscreen *\""
                                + " src=\"/course/initiate?user=" + user + "&link=" + q.get("link") + "\"></iframe>");
            case "/course/initiate" ->
                respond(
                        exchange,
                        200,
                        "text/html; charset=utf-8",
                        autoPost(toolUrl + "/lti/login", loginParams(user, q.get("link"))));
            default -> respond(exchange, 404, "text/plain", "not found");
        }
    }

    private static String autoPost(String action, Map<String, String> fields) {
        StringBuilder inputs = new StringBuilder();
        fields.forEach((k, v) -> inputs.append("<input type=\"hidden\" name=\"")
                .append(k)
                .append("\" value=\"")
                .append(LtiPages.escape(v))
                .append("\">"));
        return "<!doctype html><body><form method=\"post\" action=\"" + LtiPages.escape(action) + "\">" + inputs
                + "<noscript><button>Continue</button></noscript></form><script>document.forms[0].submit()</script></body>";
    }

    static String query(Map<String, String> params) {
        StringBuilder out = new StringBuilder();
        params.forEach((k, v) -> out.append(out.isEmpty() ? "" : "&")
                .append(k)
                .append('=')
                .append(java.net.URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return out.toString();
    }

    static Map<String, String> params(String rawQuery) {
        Map<String, String> out = new LinkedHashMap<>();
        if (rawQuery == null) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(
                        URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static void respond(HttpExchange exchange, int status, String type, String text) throws IOException {
        dev.mosaic.server.HttpReplies.text(exchange, status, type, text);
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
