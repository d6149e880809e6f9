package dev.mosaic.server.lti;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mosaic.server.MosaicServer;
import dev.mosaic.server.browser.Browsers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A teacher and a student open the same activity from the test LMS's course page in Chromium. The
 * LMS frames the tool; inside that frame the browser goes through Mosaic's login, the LMS's
 * authorisation and Mosaic's launch, and lands on the meeting's pre-join screen. Both join (LMS on
 * {@code 127.0.0.1}, Mosaic on {@code localhost}: different sites, no cookies involved), and the
 * student sees the teacher's live video.
 */
class LtiLaunchIT {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private TestLms lms;
    private MosaicServer server;
    private ChromeDriver teacher;
    private ChromeDriver student;

    @BeforeEach
    void start() {
        lms = new TestLms();
        server = MosaicServer.builder()
                .port(0)
                .secret("lti-it-secret-lti-it-secret-0123456789")
                .ltiPlatform(lms.registration())
                .start();
        lms.useTool(server.localUrl());
    }

    @AfterEach
    void stop() {
        if (teacher != null) teacher.quit();
        if (student != null) student.quit();
        server.stop();
        lms.close();
    }

    @Test
    void aTeacherAndAStudentOpenTheActivityFromTheCoursePageAndMeet() {
        teacher = Browsers.start();
        String teacherId = launchAndJoin(teacher, "teacher");
        student = Browsers.start();
        String studentId = launchAndJoin(student, "student");
        assertTrue(!teacherId.equals(studentId));

        List<Map<String, Object>> seen = await("the student decodes the teacher's video", () -> {
            List<Map<String, Object>> remote = remoteVideo(student);
            return remote.stream()
                            .anyMatch(r -> teacherId.equals(r.get("id"))
                                    && ((Number) r.get("framesDecoded")).doubleValue() > 0
                                    && ((Number) r.get("videoWidth")).doubleValue() > 0)
                    ? remote
                    : null;
        });
        System.out.println("Student sees the teacher: " + seen);
        screenshot(student, "lti-student");
    }

    /** Course page → activity link → (inside the LMS's iframe) login, authorisation, launch → pre-join → joined. */
    private String launchAndJoin(ChromeDriver browser, String user) {
        browser.get(lms.issuer() + "/course?user=" + user);
        browser.findElement(By.id("link-maths")).click();
        WebElement toolFrame = new WebDriverWait(browser, PATIENCE).until(d -> d.findElement(By.id("tool")));
        browser.switchTo().frame(toolFrame);
        new WebDriverWait(browser, PATIENCE).until(d -> d.findElement(By.cssSelector("#meeting iframe")));
        String framed = (String) browser.executeScript("return location.href");
        assertEquals(server.localUrl() + "/lti/launch", framed, "the LMS's frame ended on Mosaic's launch page");
        assertEquals("Maths 7B", browser.findElement(By.tagName("h1")).getText(), "the launch page shows the course");
        browser.switchTo().defaultContent();
        String id = inMeeting(browser, () -> {
            WebElement join =
                    new WebDriverWait(browser, PATIENCE).until(d -> d.findElement(By.cssSelector(".mosaic-join")));
            screenshot(browser, "lti-prejoin-" + user);
            join.click();
            return (String) new WebDriverWait(browser, PATIENCE)
                    .until(d -> browser.executeScript(
                            "return window.mosaicDiagnostics && window.mosaicDiagnostics.participantId()"));
        });
        assertNotNull(id, user + " joined");
        return id;
    }

    /** Runs {@code action} inside the meeting: the LMS page frames the launch page, which frames the meeting. */
    private static <T> T inMeeting(ChromeDriver browser, Supplier<T> action) {
        browser.switchTo().defaultContent();
        browser.switchTo().frame(browser.findElement(By.id("tool")));
        browser.switchTo().frame(browser.findElement(By.cssSelector("#meeting iframe")));
        try {
            return action.get();
        } finally {
            browser.switchTo().defaultContent();
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> remoteVideo(ChromeDriver browser) {
        return inMeeting(
                browser,
                () -> (List<Map<String, Object>>)
                        browser.executeAsyncScript(
                                "const done = arguments[arguments.length - 1];"
                                        + "Promise.resolve(window.mosaicDiagnostics.remoteVideo()).then(done, e => done([]));"));
    }

    private static void screenshot(ChromeDriver browser, String name) {
        try {
            Path file = Path.of("target", "screenshots", name + ".png");
            Files.createDirectories(file.getParent());
            Files.write(file, browser.getScreenshotAs(OutputType.BYTES));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static <T> T await(String what, Supplier<T> check) {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (Instant.now().isBefore(deadline)) {
            T value = check.get();
            if (value != null) return value;
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("timed out waiting until " + what);
    }
}
