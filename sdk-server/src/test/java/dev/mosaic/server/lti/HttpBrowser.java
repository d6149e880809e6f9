package dev.mosaic.server.lti;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a browser does in an LTI launch, one hop at a time over real HTTP (redirects are not
 * followed, so each can be checked): the LMS's login initiation, Mosaic's redirect to the LMS, the
 * LMS's auto-posting form, Mosaic's answer.
 */
final class HttpBrowser {
    private static final Pattern FORM_FIELD = Pattern.compile("name=\"([a-z_]+)\" value=\"([^\"]*)\"");
    private static final Pattern FORM_ACTION = Pattern.compile("<form method=\"post\" action=\"([^\"]+)\"");

    /** What Mosaic's login step sent the browser to: the LMS's authorisation URL and its parameters. */
    record Login(String authUrl, Map<String, String> params) {
        String state() {
            return params.get("state");
        }

        String nonce() {
            return params.get("nonce");
        }
    }

    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final TestLms lms;
    private final String toolUrl;

    HttpBrowser(TestLms lms, String toolUrl) {
        this.lms = lms;
        this.toolUrl = toolUrl;
    }

    /** Login at Mosaic, authorisation at the LMS, then the LMS's form posted where its action says. */
    HttpResponse<String> fullLaunch(String user, String link) throws IOException, InterruptedException {
        Login login = login(user, link);
        HttpResponse<String> auth = get(login.authUrl() + "?" + TestLms.query(login.params()));
        assertEquals(200, auth.statusCode(), "the LMS accepted Mosaic's authorisation request: " + auth.body());
        Matcher action = FORM_ACTION.matcher(auth.body());
        assertTrue(action.find(), auth.body());
        Map<String, String> fields = new HashMap<>();
        Matcher field = FORM_FIELD.matcher(auth.body());
        while (field.find()) {
            fields.put(field.group(1), field.group(2));
        }
        assertEquals(toolUrl + "/lti/launch", action.group(1));
        return post(action.group(1), fields);
    }

    Login login(String user, String link) throws IOException, InterruptedException {
        HttpResponse<String> response = get(lms.loginUrl(user, link));
        assertEquals(302, response.statusCode(), response.body());
        URI location = URI.create(response.headers().firstValue("Location").orElseThrow());
        String authUrl = location.getScheme() + "://" + location.getAuthority() + location.getPath();
        return new Login(authUrl, TestLms.params(location.getRawQuery()));
    }

    /** Posts an id_token and state to Mosaic's launch URL, as the LMS's form would; a null state is left out. */
    HttpResponse<String> launch(String idToken, String state) throws IOException, InterruptedException {
        Map<String, String> fields = new HashMap<>();
        fields.put("id_token", idToken);
        if (state != null) {
            fields.put("state", state);
        }
        return post(toolUrl + "/lti/launch", fields);
    }

    HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String url, Map<String, String> fields) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(TestLms.query(fields)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A {@code data-NAME} attribute of the meeting page. */
    static String data(HttpResponse<String> page, String name) {
        Matcher m = Pattern.compile("data-" + name + "=\"([^\"]*)\"").matcher(page.body());
        assertTrue(m.find(), "no data-" + name + " in " + page.body());
        return m.group(1);
    }
}
