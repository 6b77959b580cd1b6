package org.neuromix.app.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.io.TempDir;
import org.neuromix.app.testing.ApiClient;
import org.neuromix.app.testing.ServiceTest;
import org.neuromix.engine.loudness.FileLoudnessAnalyzer;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What a person sees, in headless Chromium, on a desktop (1400 px) and a phone (400 px): no
 * signed-in page scrolls sideways, the menu's "Sign out" is on screen, and A/B plays both sides
 * at the same loudness on a revision with another target than the first. Screenshots of the
 * dashboard, the session and the report at both widths go to target/screenshots/ (docs/screenshots
 * holds a set made with NEUROMIX_SCREENSHOTS_DIR).
 */
class PageLayoutTest extends ServiceTest {
    /** target/screenshots; NEUROMIX_SCREENSHOTS_DIR=../docs/screenshots makes the ones docs/ shows. */
    private static final Path SCREENSHOTS = Path.of(System.getenv().getOrDefault("NEUROMIX_SCREENSHOTS_DIR", "target/screenshots"));

    @TempDir
    Path folder;

    private WebDriver browser;

    @BeforeEach
    void startBrowser() {
        browser = BrowserTesting.chromium(folder.resolve("profile"), "--hide-scrollbars", "--window-size=1400,1000");
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private JavascriptExecutor js() {
        return (JavascriptExecutor) browser;
    }

    /** Sets the viewport (not the window) to {@code width} CSS pixels. */
    private void viewport(int width, int height) {
        browser.manage().window().setSize(new Dimension(width, height));
        long inner = (Long) js().executeScript("return window.innerWidth;");
        browser.manage().window().setSize(new Dimension((int) (2 * width - inner), height));
    }

    private void assertNoSidewaysScroll(String page, int width) {
        long scroll = (Long) js().executeScript("return document.documentElement.scrollWidth;");
        long inner = (Long) js().executeScript("return window.innerWidth;");
        assertEquals(width, inner, "viewport");
        assertTrue(scroll <= inner, page + " at " + width + " px scrolls sideways: " + scroll + " px wide; widest: "
                + js().executeScript("function clipped(e) { for (var p = e.parentElement; p; p = p.parentElement) {"
                + " if (getComputedStyle(p).overflowX !== 'visible') { return true; } } return false; }"
                + " var w = null; document.querySelectorAll('body *').forEach(function (e) {"
                + " var r = e.getBoundingClientRect(); if (r.right > window.innerWidth + 1 && !clipped(e) && (w === null || r.right > w.r))"
                + " { w = {r: r.right, t: e.tagName + (e.id ? '#' + e.id : '') + (e.className ? '.' + e.className : '')}; } });"
                + " return w === null ? 'none' : w.t + ' to ' + Math.round(w.r);"));
        if (browser.findElements(By.cssSelector("nav form button")).size() == 1) {
            var signOut = browser.findElement(By.cssSelector("nav form button")).getRect();
            assertTrue(signOut.getX() >= 0 && signOut.getX() + signOut.getWidth() <= inner, page + ": Sign out is cut off at " + width);
        }
    }

    /** The whole page (the window made as tall as the page, at most 8000 px), at {@code width}. */
    private void shoot(String name, int width) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        long height = (Long) js().executeScript("return document.documentElement.scrollHeight;");
        viewport(width, (int) Math.min(8000, height));
        js().executeScript("window.scrollTo(0, 0);");
        Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        viewport(width, 1000);
    }

    /** One part of the page (the mixer), as tall as it is, at this width. */
    private void shootElement(String name, int width, String css) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        long height = (Long) js().executeScript("return document.documentElement.scrollHeight;");
        viewport(width, (int) Math.min(8000, height));
        org.openqa.selenium.WebElement element = browser.findElement(By.cssSelector(css));
        Files.write(SCREENSHOTS.resolve(name + ".png"), element.getScreenshotAs(OutputType.BYTES));
        viewport(width, 1000);
    }

    @Test
    void noPageScrollsSidewaysOnAPhoneAndABMatchesLoudness() throws Exception {
        ApiClient me = newUser("Lou");
        String id = BrowserTesting.mixedSession(me, folder, "A rather long session name for a small phone screen", 10);
        BrowserTesting.signIn(browser, base(), me.email(), PASSWORD);

        // A second revision aiming at another loudness than the first (Apple Music, −16 LUFS).
        browser.get(base() + "/sessions/" + id);
        new Select(browser.findElement(By.cssSelector("#revise select[name=target]"))).selectByValue("apple");
        browser.findElement(By.id("render-revision")).click();
        BrowserTesting.awaitRevision(me, id, 2);
        browser.get(base() + "/sessions/" + id);
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.getPageSource().contains("Revision <span>2</span>"));
        assertABAtEqualLoudness(id);
        assertBothSidesHaveAWaveform(me, id);

        List<String> pages = new ArrayList<>(List.of("/dashboard", "/sessions/" + id, "/sessions/" + id + "/report",
                "/sessions/new", "/account", "/privacy", "/privacy/requests", "/sessions/" + id + "?revision=abc"));
        for (int width : new int[] {1400, 400}) {
            viewport(width, 1000);
            for (String page : pages) {
                browser.get(base() + page);
                assertNoSidewaysScroll(page, width);
            }
            browser.get(base() + "/dashboard");
            shoot("dashboard-" + width, width);
            browser.get(base() + "/sessions/" + id);
            shoot("session-" + width, width);
            shootElement("mixer-" + width, width, "#mixer");
            browser.get(base() + "/sessions/" + id + "/report");
            shoot("report-" + width, width);
        }
    }

    /** The player draws both sides of the A/B: the unprocessed sum's overview from the report, another revision's from its own. */
    private void assertBothSidesHaveAWaveform(ApiClient me, String id) throws Exception {
        JsonNode sumWaveform = me.get("/api/v1/sessions/" + id + "/report?revision=2").json().get("unprocessedWaveform");
        assertTrue(sumWaveform != null && sumWaveform.get("points").asInt() > 0, "the report keeps the sum's overview");
        Number sumPoints = (Number) js().executeScript("var w = window.neuromixPlayer.otherWaveform(); return w ? w.points : 0;");
        assertEquals(sumWaveform.get("points").asInt(), sumPoints.intValue());
        new Select(browser.findElement(By.id("ab-other"))).selectByVisibleText("revision 1");
        JsonNode first = me.get("/api/v1/sessions/" + id + "/report?revision=1").json().get("waveform");
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> {
            Object peak = js().executeScript("var w = window.neuromixPlayer.otherWaveform(); return w ? w.minMax[101] : null;");
            return peak instanceof Number n && Math.abs(n.doubleValue() - first.get("minMax").get(101).asDouble()) < 1e-9;
        });
        // A/B against revision 1 (at −14 LUFS, this one at −16) is matched as well, measured from the files played.
        assertABAtEqualLoudness(id);
        new Select(browser.findElement(By.id("ab-other"))).selectByVisibleText("the unprocessed sum");
    }

    /**
     * The page turns the louder side down by the difference of integrated loudness: measured here
     * from the two files the page plays and the volumes it set, they are within 0.5 LU.
     */
    private void assertABAtEqualLoudness(String id) throws Exception {
        double mixVolume = ((Number) js().executeScript("return document.getElementById('mix-audio').volume;")).doubleValue();
        double sumVolume = ((Number) js().executeScript("return document.getElementById('sum-audio').volume;")).doubleValue();
        String cookies = browser.manage().getCookies().stream().map(c -> c.getName() + "=" + c.getValue())
                .collect(Collectors.joining("; "));
        double[] lufs = new double[2];
        String[] sources = {"mix-audio", "sum-audio"};
        for (int i = 0; i < 2; i++) {
            String src = (String) js().executeScript("return document.getElementById('" + sources[i] + "').src;");
            HttpResponse<Path> audio = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(src)).header("Cookie", cookies)
                    .build(), HttpResponse.BodyHandlers.ofFile(folder.resolve(sources[i] + ".wav")));
            assertEquals(200, audio.statusCode());
            lufs[i] = FileLoudnessAnalyzer.analyze(audio.body()).measurement().integratedLufs();
        }
        assertTrue(Math.abs(lufs[0] - lufs[1]) > 1, "the two files differ in loudness (" + lufs[0] + " vs " + lufs[1] + ")");
        double heardMix = lufs[0] + 20 * Math.log10(mixVolume);
        double heardSum = lufs[1] + 20 * Math.log10(sumVolume);
        assertEquals(heardMix, heardSum, 0.5, "A/B as heard: mix " + heardMix + ", unprocessed " + heardSum);
        String said = browser.findElement(By.id("ab-offset")).getText();
        assertTrue(said.contains("dB quieter"), said);
    }
}
