package dev.mosaic.server.browser;

import dev.mosaic.testbrowser.HeadlessChromium;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One person on a host website that embeds the meeting: their own headless Chromium, the host page
 * (its commands and the events it received) and, through {@link #inMeeting}, the meeting app inside
 * the iframe.
 */
final class HostPageParticipant implements AutoCloseable {
    private final ChromeDriver browser;
    private final String name;
    private Map<String, Object> form;
    private String id;

    /**
     * @param form host page form fields to set before mounting, by element id: a String sets a value
     *             (text, select, colour), a Boolean ticks or clears a checkbox
     */
    HostPageParticipant(String name, Map<String, Object> form) {
        this(name, form, null);
    }

    /** @param microphone WAV file the fake microphone plays in a loop, or null for Chromium's beeps */
    HostPageParticipant(String name, Map<String, Object> form, java.nio.file.Path microphone) {
        this.name = name;
        this.form = form;
        this.browser = Browsers.start(microphone);
    }

    /** Opens the host page, mounts the meeting and goes through the widget's pre-join screen. */
    void join(String pageUrl, String room) {
        mount(pageUrl, room);
        inMeeting(d -> {
            WebElement joinButton = new WebDriverWait(d, Duration.ofSeconds(15))
                    .until(x -> x.findElement(By.cssSelector(".mosaic-join")));
            saveScreenshot("prejoin-" + name);
            joinButton.click();
            new WebDriverWait(d, Duration.ofSeconds(20))
                    .until(x -> script("return window.mosaicDiagnostics.participantId()") != null);
            return null;
        });
        id = (String) inMeeting(d -> script("return window.mosaicDiagnostics.participantId()"));
    }

    /** Other form fields for the next {@link #join} or {@link #mount}. */
    void useForm(Map<String, Object> form) {
        this.form = form;
    }

    /** Saves what the user sees to target/screenshots/NAME.png, for people checking the UI by eye. */
    void saveScreenshot(String fileName) {
        try {
            java.nio.file.Path file = java.nio.file.Path.of("target", "screenshots", fileName + ".png");
            java.nio.file.Files.createDirectories(file.getParent());
            java.nio.file.Files.write(file, browser.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Opens the host page and presses its Mount button. */
    void mount(String pageUrl, String room) {
        browser.switchTo().defaultContent();
        browser.get(pageUrl);
        setValue("room", room);
        setValue("name", name);
        form.forEach((field, value) -> script(
                value instanceof Boolean
                        ? "document.getElementById(arguments[0]).checked = arguments[1]"
                        : "document.getElementById(arguments[0]).value = arguments[1]",
                field,
                value));
        browser.findElement(By.id("mount")).click();
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(d -> d.findElement(By.cssSelector("#meeting iframe")));
    }

    private void setValue(String inputId, String value) {
        WebElement input = browser.findElement(By.id(inputId));
        input.clear();
        input.sendKeys(value);
    }

    /** Runs {@code action} inside the meeting iframe, then returns to the host page. */
    <T> T inMeeting(Function<WebDriver, T> action) {
        browser.switchTo().defaultContent();
        browser.switchTo().frame(browser.findElement(By.cssSelector("#meeting iframe")));
        try {
            return action.apply(browser);
        } finally {
            browser.switchTo().defaultContent();
        }
    }

    /** A script in the current context (host page, or the iframe inside {@link #inMeeting}). */
    Object script(String js, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(js, args);
    }

    /** Awaits a promise-returning diagnostic inside the iframe, e.g. {@code remoteVideo()}. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> diagnostics(String call) {
        return (List<Map<String, Object>>) inMeeting(d -> browser.executeAsyncScript(
                "const done = arguments[arguments.length - 1];" + "Promise.resolve(window.mosaicDiagnostics." + call
                        + ").then(done, e => done([{error: String(e)}]));"));
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> grid() {
        return (Map<String, Object>) inMeeting(d -> script("return window.mosaicDiagnostics.grid()"));
    }

    /**
     * Runs a widget command through the host page's API; returns {@code {result}} or {@code {error: code}}.
     */
    @SuppressWarnings("unchecked")
    Map<String, Object> command(String command, Object... args) {
        browser.switchTo().defaultContent();
        return (Map<String, Object>) browser.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "window.hostSample.command(arguments[0], ...arguments[1])"
                        + ".then(r => done({result: r === undefined ? null : r}), e => done({error: e.code || String(e)}));",
                command,
                java.util.Arrays.asList(args));
    }

    /** The outcome of the last run of a command started from the host page's buttons, or null. */
    @SuppressWarnings("unchecked")
    Map<String, Object> resultOf(String command) {
        browser.switchTo().defaultContent();
        return (Map<String, Object>) script(
                "const r = window.hostSample.results.filter(r => r.name === arguments[0]).pop();"
                        + "return r ? ('error' in r ? {error: r.error} : {result: r.result}) : null;",
                command);
    }

    /** Events the host page received, in order: {@code [{name, detail}]}. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> events() {
        browser.switchTo().defaultContent();
        return (List<Map<String, Object>>) script("return window.hostSample.events");
    }

    /**
     * Events received after the first {@code from}: one read of the browser's list, then a slice of that copy.
     * Reading the list twice (once for the slice, once for its size) breaks when an event arrives in between.
     */
    List<Map<String, Object>> eventsSince(int from) {
        List<Map<String, Object>> all = events();
        return all.subList(Math.min(from, all.size()), all.size());
    }

    /** The browser's console messages so far, for failure reports. */
    List<String> consoleLog() {
        return HeadlessChromium.console(browser);
    }

    ChromeDriver browser() {
        return browser;
    }

    String name() {
        return name;
    }

    /** The participant id now: a rejoin after a lost connection gives a new one. */
    String id() {
        try {
            Object live = inMeeting(
                    d -> script("return window.mosaicDiagnostics ? window.mosaicDiagnostics.participantId() : null"));
            if (live != null) id = (String) live;
        } catch (org.openqa.selenium.WebDriverException e) {
            // no meeting frame on this page (e.g. refused): the last known id stands
        }
        return id;
    }

    @Override
    public void close() {
        browser.quit();
    }
}
