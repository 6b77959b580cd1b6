package org.neuromix.app.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuromix.app.testing.ApiClient;
import org.neuromix.app.testing.ServiceTest;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

/**
 * The mixer's live preview in headless Chromium: moving a fader and muting a stem change what
 * WebAudio plays within 100 ms (measured with the page's AnalyserNode), and the revision rendered
 * from the same controls has exactly the values they were set to.
 */
class MixerPreviewTest extends ServiceTest {
    @TempDir
    Path folder;

    private WebDriver browser;

    @BeforeEach
    void startBrowser() {
        browser = BrowserTesting.chromium(folder.resolve("profile"), "--autoplay-policy=no-user-gesture-required",
                "--window-size=1400,1200");
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
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

    /** The preview's level now, averaged over a quarter second (dBFS RMS). */
    private double steadyLevelDb() {
        return ((Number) js().executeAsyncScript("var done = arguments[0], sum = 0, n = 0;"
                + "(function read() { sum += Math.pow(10, window.neuromixPreview.levelDb() / 10); n++;"
                + " if (n < 25) { setTimeout(read, 10); } else { done(10 * Math.log10(sum / n)); } })();")).doubleValue();
    }

    /**
     * Runs {@code change} in the page and returns the milliseconds until the level the preview
     * plays has fallen 20 dB under {@code beforeDb}, as its AnalyserNode reads it.
     */
    private double millisUntilQuieter(String change, double beforeDb) {
        return ((Number) js().executeAsyncScript("var before = arguments[0], done = arguments[arguments.length - 1], t0 = performance.now();"
                + change
                + "(function poll() { var now = performance.now();"
                + " if (window.neuromixPreview.levelDb() < before - 20) { done(now - t0); }"
                + " else if (now - t0 > 5000) { done(-1); } else { setTimeout(poll, 1); } })();", beforeDb)).doubleValue();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    @Test
    void aFaderOrAMuteIsHeardAtOnceAndTheRenderHasExactlyThoseValues() throws Exception {
        ApiClient me = newUser("Max");
        String id = BrowserTesting.mixedSession(me, folder, "Live preview", 10);
        BrowserTesting.signIn(browser, base(), me.email(), PASSWORD);
        browser.get(base() + "/sessions/" + id);
        browser.findElement(By.id("preview-load")).click();
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> Boolean.TRUE.equals(
                js().executeScript("return window.neuromixPreview && window.neuromixPreview.ready;")));
        assertTrue(browser.findElement(By.id("preview-status")).getText().startsWith("Ready: 4 tracks"),
                browser.findElement(By.id("preview-status")).getText());

        // Only the first track heard (solo), looping, then its fader pulled down to −60 dB.
        browser.findElement(By.id("loop")).click();
        browser.findElement(By.id("solo0")).click();
        js().executeScript("window.neuromixPreview.play();");
        Thread.sleep(600);
        double soloed = steadyLevelDb();
        assertTrue(soloed > -50, "the preview plays: " + soloed + " dBFS");
        // Three times each, the median: one trial can be delayed by the machine, not by the preview.
        double[] faderTrials = new double[3];
        double[] muteTrials = new double[3];
        for (int trial = 0; trial < 3; trial++) {
            faderTrials[trial] = millisUntilQuieter("var f = document.querySelector('input.fader[data-for=gain0]'); f.value = '-60';"
                    + " f.dispatchEvent(new Event('input', { bubbles: true }));", soloed);
            assertEquals("-60", browser.findElement(By.id("gain0")).getAttribute("value"), "the fader moves the field");
            js().executeScript("var f = document.querySelector('input.fader[data-for=gain0]'); f.value = '-6.5';"
                    + " f.dispatchEvent(new Event('input', { bubbles: true }));");
            Thread.sleep(300);
            double up = steadyLevelDb();
            assertTrue(up > soloed - 20, "the fader back up: " + up + " against " + soloed);
            muteTrials[trial] = millisUntilQuieter("document.getElementById('mute0').click();", up);
            js().executeScript("document.getElementById('mute0').click();"); // unmuted again
            Thread.sleep(300);
        }
        double faderMillis = median(faderTrials);
        double muteMillis = median(muteTrials);
        assertTrue(faderMillis >= 0 && faderMillis < 100, "a fader is heard within 100 ms, took " + java.util.Arrays.toString(faderTrials));
        assertTrue(muteMillis >= 0 && muteMillis < 100, "a mute is heard within 100 ms, took " + java.util.Arrays.toString(muteTrials));
        System.out.printf(java.util.Locale.ROOT, "live preview: fader heard after %.1f ms, mute after %.1f ms (level %.1f dBFS)%n",
                faderMillis, muteMillis, soloed);

        // What the preview played is what gets rendered: the same fields, exactly.
        browser.findElement(By.id("solo0")).click(); // solo is the preview's only
        js().executeScript("var p = document.getElementById('pan1'); p.value = '0.25'; p.dispatchEvent(new Event('input', { bubbles: true }));");
        browser.findElement(By.id("mute2")).click();
        browser.findElement(By.id("render-revision")).click();
        JsonNode done = BrowserTesting.awaitRevision(me, id, 2);
        JsonNode plan = me.get("/api/v1/sessions/" + id + "/plan?revision=2").json();
        assertEquals(-6.5, plan.get("tracks").get(0).get("gain").get("gainDb").asDouble(), 0.0);
        assertEquals(0.25, plan.get("tracks").get(1).get("pan").get("position").asDouble(), 0.0);
        assertTrue(plan.get("tracks").get(2).get("muted").asBoolean());
        assertTrue(!plan.get("tracks").get(0).get("muted").asBoolean() && !plan.get("tracks").get(3).get("muted").asBoolean());
    }
}
