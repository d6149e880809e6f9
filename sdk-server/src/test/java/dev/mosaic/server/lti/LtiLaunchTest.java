package dev.mosaic.server.lti;

import static dev.mosaic.server.lti.HttpBrowser.data;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.mosaic.core.protocol.Role;
import dev.mosaic.core.token.JoinTokenClaims;
import dev.mosaic.server.MosaicServer;
import dev.mosaic.server.events.LtiLaunch;
import dev.mosaic.server.events.MeetingListener;
import dev.mosaic.server.room.RoomNames;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole LTI 1.3 launch over real HTTP, step by step (redirects are not followed, so each hop is
 * checked): the test LMS starts a login, Mosaic redirects to the LMS's authorisation endpoint, the
 * LMS answers with a form posting a signed id_token, Mosaic answers the meeting page with a join
 * token. Then every way a launch must be refused, each with its code.
 */
class LtiLaunchTest {
    private static final String SECRET = "lti-test-secret-lti-test-secret-0123456789";

    private static final String BROKEN_CLIENT_ID = "client-with-unreachable-keys";
    private static TestLms lms;
    private static MosaicServer server;
    private static final BlockingQueue<LtiLaunch> launches = new LinkedBlockingQueue<>();
    private static final HttpClient http = HttpClient.newHttpClient();
    private static HttpBrowser browser;

    @BeforeAll
    static void start() {
        lms = new TestLms();
        // A second registration of the same LMS whose key set cannot be fetched.
        LtiPlatform unreachableKeys = new LtiPlatform(
                lms.issuer(),
                BROKEN_CLIENT_ID,
                URI.create(lms.issuer() + "/auth"),
                URI.create(lms.issuer() + "/no-such-jwks"),
                TestLms.DEPLOYMENT_ID);
        server = MosaicServer.builder()
                .port(0)
                .secret(SECRET)
                .ltiPlatform(lms.registration())
                .ltiPlatform(unreachableKeys)
                .listener(new MeetingListener() {
                    @Override
                    public void onLtiLaunch(LtiLaunch launch) {
                        launches.add(launch);
                    }
                })
                .start();
        lms.useTool(server.localUrl());
        browser = new HttpBrowser(lms, server.localUrl());
    }

    @AfterAll
    static void stop() {
        server.stop();
        lms.close();
    }

    // ---- the launch that works --------------------------------------------------------------------

    @Test
    void anInstructorLandsInTheCourseMeetingAsHost() throws Exception {
        launches.clear();
        HttpResponse<String> page = browser.fullLaunch("teacher", "maths");
        assertEquals(200, page.statusCode(), page.body());
        String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertTrue(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), csp);
        assertTrue(csp.contains("frame-ancestors 'self' " + lms.issuer()), "the LMS may frame the launch page: " + csp);
        assertEquals("no-store", page.headers().firstValue("Cache-Control").orElseThrow());
        assertFalse(page.body().contains("<script>"), "no inline script: " + page.body());
        assertTrue(
                page.body().contains("<h1>Maths 7B</h1>") && page.body().contains("Live class"), "the course is shown");

        String room = data(page, "room");
        assertTrue(RoomNames.isValid(room) && room.matches("lti-[A-Za-z0-9_-]{22}"), room);
        JoinTokenClaims claims = server.tokens().verify(data(page, "token"), room);
        assertEquals(Role.HOST, claims.role());
        assertEquals("Ada Lovelace", claims.displayName());
        assertTrue(claims.userId().startsWith("lti-") && claims.userId().endsWith(":u-100"), claims.userId());
        assertTrue(
                Duration.between(Instant.now(), claims.expiresAt()).compareTo(LtiLaunchRoute.JOIN_TOKEN_TTL) <= 0,
                "the join token is short-lived: " + claims.expiresAt());
        assertEquals("en", data(page, "locale"));

        LtiLaunch launch = launches.poll(5, TimeUnit.SECONDS);
        assertNotNull(launch, "onLtiLaunch was called");
        assertEquals(room, launch.room(), "the application learns the room of the course link");
        assertEquals(claims.userId(), launch.userId());
        assertEquals(Role.HOST, launch.role());
        assertEquals("course-7", launch.contextId());
        assertEquals("Maths 7B", launch.contextTitle());
        assertEquals("MATH-7B", launch.contextLabel());
        assertEquals("link-maths-live", launch.resourceLinkId());
        assertEquals(TestLms.DEPLOYMENT_ID, launch.deploymentId());
        assertEquals("u-100", launch.subject());
        assertEquals("u-100@school.test", launch.email());
        assertEquals(List.of(TestLms.INSTRUCTOR), launch.ltiRoles());
    }

    @Test
    void aLearnerIsAParticipantAndAMentorAViewer() throws Exception {
        assertEquals(Role.PARTICIPANT, launchedRole("student", "maths"));
        assertEquals(Role.VIEWER, launchedRole("parent", "maths"));
    }

    @Test
    void everyLaunchOfOneCourseLinkLandsInOneRoomAndAnotherLinkInAnother() throws Exception {
        String teachers = data(browser.fullLaunch("teacher", "maths"), "room");
        String students = data(browser.fullLaunch("student", "maths"), "room");
        String again = data(browser.fullLaunch("student", "maths"), "room");
        String physics = data(browser.fullLaunch("student", "physics"), "room");
        assertEquals(teachers, students);
        assertEquals(teachers, again);
        assertNotEquals(teachers, physics);
    }

    @Test
    void theLoginRedirectAsksTheLmsForAnIdTokenPostedBack() throws Exception {
        HttpBrowser.Login login = browser.login("teacher", "maths");
        assertEquals(lms.issuer() + "/auth", login.authUrl());
        Map<String, String> p = login.params();
        assertEquals("openid", p.get("scope"));
        assertEquals("id_token", p.get("response_type"));
        assertEquals("form_post", p.get("response_mode"));
        assertEquals("none", p.get("prompt"));
        assertEquals(TestLms.CLIENT_ID, p.get("client_id"));
        assertEquals(server.localUrl() + "/lti/launch", p.get("redirect_uri"));
        assertEquals("teacher", p.get("login_hint"));
        assertEquals("maths", p.get("lti_message_hint"));
        assertTrue(p.get("nonce").length() >= 22, "a 128-bit nonce");
        assertNotEquals(p.get("nonce"), browser.login("teacher", "maths").nonce(), "a fresh nonce per login");
    }

    @Test
    void theLmsMayStartTheLoginWithAFormPost() throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(server.localUrl() + "/lti/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(TestLms.query(lms.loginParams("student", "maths"))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(302, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Location").orElseThrow().startsWith(lms.issuer() + "/auth?"));
    }

    @Test
    void signingKeysAreFetchedOnceAndCached() throws Exception {
        browser.fullLaunch("student", "maths");
        int before = lms.jwksRequests();
        long started = System.nanoTime();
        for (int i = 0; i < 3; i++) {
            assertEquals(200, browser.fullLaunch("student", "physics").statusCode());
        }
        System.out.printf(
                "3 full launches (4 HTTP hops each) in %.1f ms; JWKS requests for all launches so far: %d%n",
                (System.nanoTime() - started) / 1e6, lms.jwksRequests());
        assertEquals(before, lms.jwksRequests(), "three more launches, no more JWKS requests");
    }

    // ---- refusals ---------------------------------------------------------------------------------

    @Test
    void anUnknownIssuerCannotStartALogin() throws Exception {
        Map<String, String> params = lms.loginParams("teacher", "maths");
        params.put("iss", "https://lms.elsewhere.example");
        assertRefused(
                browser.get(server.localUrl() + "/lti/login?" + TestLms.query(params)), 400, "lti_unknown_platform");
        params = lms.loginParams("teacher", "maths");
        params.put("client_id", "someone-else");
        assertRefused(
                browser.get(server.localUrl() + "/lti/login?" + TestLms.query(params)), 400, "lti_unknown_platform");
        // This LMS registered Mosaic twice: without client_id the login cannot tell which registration.
        params.remove("client_id");
        assertRefused(browser.get(server.localUrl() + "/lti/login?" + TestLms.query(params)), 400, "lti_bad_request");
    }

    @Test
    void aLoginWithoutItsParametersIsRefused() throws Exception {
        assertRefused(browser.get(server.localUrl() + "/lti/login?iss=" + lms.issuer()), 400, "lti_bad_request");
        Map<String, String> params = lms.loginParams("teacher", "maths");
        params.put("target_link_uri", "javascript:alert(1)");
        assertRefused(browser.get(server.localUrl() + "/lti/login?" + TestLms.query(params)), 400, "lti_bad_target");
    }

    @Test
    void anUnknownDeploymentIsRefusedAtLoginAndAtLaunch() throws Exception {
        Map<String, String> params = lms.loginParams("teacher", "maths");
        params.put("lti_deployment_id", "deployment-9");
        assertRefused(
                browser.get(server.localUrl() + "/lti/login?" + TestLms.query(params)), 400, "lti_unknown_deployment");
        HttpBrowser.Login login = browser.login("teacher", "maths");
        String token = lms.sign(lms.launchClaims("teacher", "maths", login.nonce())
                .claim(TestLms.LTI + "deployment_id", "deployment-9")
                .build());
        assertRefused(browser.launch(token, login.state()), 401, "lti_unknown_deployment");
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefused() throws Exception {
        HttpBrowser.Login login = browser.login("teacher", "maths");
        RSAKey impostor = new RSAKeyGenerator(2048).keyID(lms.key().getKeyID()).generate();
        String token =
                TestLms.sign(lms.launchClaims("teacher", "maths", login.nonce()).build(), impostor);
        assertRefused(browser.launch(token, login.state()), 401, "lti_bad_signature");
        // A refused post does not spend the login: the real id_token still gets in.
        assertEquals(
                200,
                browser.launch(
                                lms.sign(lms.launchClaims("teacher", "maths", login.nonce())
                                        .build()),
                                login.state())
                        .statusCode());
    }

    @Test
    void unsignedAndHmacTokensAreRefused() throws Exception {
        HttpBrowser.Login login = browser.login("teacher", "maths");
        JWTClaimsSet claims =
                lms.launchClaims("teacher", "maths", login.nonce()).build();
        assertRefused(browser.launch(new PlainJWT(claims).serialize(), login.state()), 401, "lti_bad_algorithm");
        // The classic confusion attack: an HMAC keyed with the platform's public key.
        SignedJWT hmac = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.HS256)
                        .keyID(lms.key().getKeyID())
                        .build(),
                claims);
        hmac.sign(new MACSigner(lms.key().toRSAPublicKey().getEncoded()));
        assertRefused(browser.launch(hmac.serialize(), login.state()), 401, "lti_bad_algorithm");
    }

    @Test
    void somethingElseThanAJwtIsRefused() throws Exception {
        HttpBrowser.Login login = browser.login("teacher", "maths");
        assertRefused(browser.launch("not.a.jwt<script>", login.state()), 401, "lti_bad_token");
        assertRefused(browser.get(server.localUrl() + "/lti/launch"), 400, "lti_bad_request");
    }

    @Test
    void unreachableSigningKeysAreReportedAsSuch() throws Exception {
        Map<String, String> params = lms.loginParams("teacher", "maths");
        params.put("client_id", BROKEN_CLIENT_ID);
        HttpResponse<String> redirect = browser.get(server.localUrl() + "/lti/login?" + TestLms.query(params));
        assertEquals(302, redirect.statusCode(), redirect.body());
        Map<String, String> sent = TestLms.params(
                URI.create(redirect.headers().firstValue("Location").orElseThrow())
                        .getRawQuery());
        String token = lms.sign(lms.launchClaims("teacher", "maths", sent.get("nonce"))
                .audience(BROKEN_CLIENT_ID)
                .build());
        assertRefused(browser.launch(token, sent.get("state")), 502, "lti_jwks_unavailable");
    }

    @Test
    void anExpiredTokenIsRefused() throws Exception {
        HttpBrowser.Login login = browser.login("teacher", "maths");
        Instant past = Instant.now().minus(Duration.ofMinutes(20));
        String token = lms.sign(lms.launchClaims("teacher", "maths", login.nonce())
                .issueTime(Date.from(past))
                .expirationTime(Date.from(past.plus(Duration.ofMinutes(5))))
                .build());
        assertRefused(browser.launch(token, login.state()), 401, "lti_token_expired");
    }

    @Test
    void aTokenForAnotherToolIsRefused() throws Exception {
        HttpBrowser.Login login = browser.login("teacher", "maths");
        String token = lms.sign(lms.launchClaims("teacher", "maths", login.nonce())
                .audience("another-tool")
                .build());
        assertRefused(browser.launch(token, login.state()), 401, "lti_wrong_audience");
        String shared = lms.sign(lms.launchClaims("teacher", "maths", login.nonce())
                .audience(List.of(TestLms.CLIENT_ID, "another-tool"))
                .claim("azp", "another-tool")
                .build());
        assertRefused(browser.launch(shared, login.state()), 401, "lti_wrong_audience");
    }

    @Test
    void aLaunchWorksOnceAndItsReplayIsRefused() throws Exception {
        HttpBrowser.Login login = browser.login("student", "maths");
        String token =
                lms.sign(lms.launchClaims("student", "maths", login.nonce()).build());
        assertEquals(200, browser.launch(token, login.state()).statusCode());
        assertRefused(browser.launch(token, login.state()), 401, "lti_nonce_used");
    }

    @Test
    void aTokenFromAnotherLoginIsRefused() throws Exception {
        HttpBrowser.Login login = browser.login("student", "maths");
        HttpBrowser.Login other = browser.login("student", "maths");
        String token =
                lms.sign(lms.launchClaims("student", "maths", other.nonce()).build());
        assertRefused(browser.launch(token, login.state()), 401, "lti_nonce_mismatch");
    }

    @Test
    void aForgedOrExpiredStateIsRefused() throws Exception {
        HttpBrowser.Login login = browser.login("teacher", "maths");
        String token =
                lms.sign(lms.launchClaims("teacher", "maths", login.nonce()).build());
        String state = login.state();
        String forged = state.substring(0, state.length() - 2) + (state.endsWith("AA") ? "BB" : "AA");
        assertRefused(browser.launch(token, forged), 401, "lti_bad_state");
        assertRefused(browser.launch(token, "not-a-state"), 401, "lti_bad_state");
        String expired = new LoginState(
                        SECRET.getBytes(StandardCharsets.UTF_8),
                        Clock.fixed(Instant.now().minus(Duration.ofMinutes(10)), ZoneOffset.UTC))
                .issue(lms.issuer(), TestLms.CLIENT_ID, login.nonce(), TestLms.DEPLOYMENT_ID);
        assertRefused(browser.launch(token, expired), 401, "lti_state_expired");
        assertRefused(browser.launch(token, null), 400, "lti_bad_request");
    }

    @Test
    void onlyResourceLinkLaunchesOfLti13AreAccepted() throws Exception {
        HttpBrowser.Login login = browser.login("teacher", "maths");
        assertRefused(
                browser.launch(
                        lms.sign(lms.launchClaims("teacher", "maths", login.nonce())
                                .claim(TestLms.LTI + "message_type", "LtiDeepLinkingRequest")
                                .build()),
                        login.state()),
                400,
                "lti_unsupported_message");
        assertRefused(
                browser.launch(
                        lms.sign(lms.launchClaims("teacher", "maths", login.nonce())
                                .claim(TestLms.LTI + "version", "1.1")
                                .build()),
                        login.state()),
                400,
                "lti_unsupported_version");
        assertRefused(
                browser.launch(
                        lms.sign(lms.launchClaims("teacher", "maths", login.nonce())
                                .claim(TestLms.LTI + "resource_link", Map.of("title", "no id"))
                                .build()),
                        login.state()),
                400,
                "lti_missing_claim");
    }

    @Test
    void anErrorFromTheLmsIsShownWithItsReason() throws Exception {
        HttpResponse<String> page = http.send(
                HttpRequest.newBuilder(URI.create(server.localUrl() + "/lti/launch"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("error=login_required&error_description=No+session"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertRefused(page, 401, "lti_platform_error");
        assertTrue(page.body().contains("login_required"), page.body());
    }

    @Test
    void aFrenchBrowserReadsTheErrorInFrench() throws Exception {
        HttpResponse<String> page = http.send(
                HttpRequest.newBuilder(URI.create(server.localUrl() + "/lti/launch"))
                        .header("Accept-Language", "fr-FR,fr;q=0.9,en;q=0.8")
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertRefused(page, 400, "lti_bad_request");
        assertTrue(
                page.body().contains("<html lang=\"fr\">")
                        && page.body().contains("<h1>La réunion n&#39;a pas pu s&#39;ouvrir</h1>"),
                page.body());
        assertTrue(page.body().contains("<details>"), "the English details stay available to the administrator");
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private Role launchedRole(String user, String link) throws Exception {
        HttpResponse<String> page = browser.fullLaunch(user, link);
        assertEquals(200, page.statusCode(), page.body());
        return server.tokens().verify(data(page, "token"), data(page, "room")).role();
    }

    private static void assertRefused(HttpResponse<String> page, int status, String code) {
        assertEquals(status, page.statusCode(), page.body());
        assertTrue(
                page.body().contains("<code id=\"lti-error-code\">" + code + "</code>"),
                "expected " + code + " in " + page.body());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertFalse(
                page.body().contains("Exception") || page.body().contains("at dev.mosaic"),
                "no stack trace: " + page.body());
    }
}
