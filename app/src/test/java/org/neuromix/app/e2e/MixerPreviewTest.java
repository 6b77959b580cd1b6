package org.neuromix.app.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuromix.app.testing.ApiClient;
import org.neuromix.app.testing.ServiceTest;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.neuromix.engine.audio.ProcessSpec;
import org.neuromix.engine.dsp.BiquadFilter;
import org.neuromix.engine.dsp.FilterType;
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

    /**
     * The preview's level now, averaged in power over one second (dBFS RMS); the analyser itself reads only
     * the last 1,024 samples.
     */
    private double steadyLevelDb() {
        return ((Number) js().executeAsyncScript("var done = arguments[0], sum = 0, n = 0, t0 = performance.now();"
                + "(function read() { sum += Math.pow(10, window.neuromixPreview.levelDb() / 10); n++;"
                + " if (performance.now() - t0 < 1000) { setTimeout(read, 10); } else { done(10 * Math.log10(sum / n)); } })();"))
                .doubleValue();
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
        // The guitar, found by its stem: a steady square wave. The kick's gaps, the bass's 2 Hz swell and the vocal's
        // phrases each move a short reading by more than the checks below allow, fader or not.
        JsonNode firstPlan = me.get("/api/v1/sessions/" + id + "/plan?revision=1").json().get("tracks");
        int g = -1;
        for (int t = 0; t < firstPlan.size(); t++) {
            if (firstPlan.get(t).get("stem").asString().startsWith("Gtr")) {
                g = t;
            }
        }
        assertTrue(g >= 0, "the guitar stem is in the plan: " + firstPlan);
        int panned = (g + 1) % 4, muted = (g + 2) % 4;
        browser.findElement(By.id("preview-load")).click();
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> Boolean.TRUE.equals(
                js().executeScript("return window.neuromixPreview && window.neuromixPreview.ready;")));
        assertTrue(browser.findElement(By.id("preview-status")).getText().startsWith("Ready: 4 tracks"),
                browser.findElement(By.id("preview-status")).getText());

        // Only the guitar heard (solo), looping, then its fader pulled down to −60 dB.
        browser.findElement(By.id("loop")).click();
        browser.findElement(By.id("solo" + g)).click();
        js().executeScript("window.neuromixPreview.play();");
        Thread.sleep(600);
        double soloed = steadyLevelDb();
        assertTrue(soloed > -50, "the preview plays: " + soloed + " dBFS");
        // Three times each, the median: one trial can be delayed by the machine, not by the preview.
        double[] faderTrials = new double[3];
        double[] muteTrials = new double[3];
        for (int trial = 0; trial < 3; trial++) {
            faderTrials[trial] = millisUntilQuieter("var f = document.querySelector('input.fader[data-for=gain" + g + "]'); f.value = '-60';"
                    + " f.dispatchEvent(new Event('input', { bubbles: true }));", soloed);
            assertEquals("-60", browser.findElement(By.id("gain" + g)).getAttribute("value"), "the fader moves the field");
            js().executeScript("var f = document.querySelector('input.fader[data-for=gain" + g + "]'); f.value = '-6.5';"
                    + " f.dispatchEvent(new Event('input', { bubbles: true }));");
            Thread.sleep(300);
            double up = steadyLevelDb();
            assertTrue(up > soloed - 20, "the fader back up: " + up + " against " + soloed);
            muteTrials[trial] = millisUntilQuieter("document.getElementById('mute" + g + "').click();", up);
            js().executeScript("document.getElementById('mute" + g + "').click();"); // unmuted again
            Thread.sleep(300);
        }
        double faderMillis = median(faderTrials);
        double muteMillis = median(muteTrials);
        assertTrue(faderMillis >= 0 && faderMillis < 100, "a fader is heard within 100 ms, took " + java.util.Arrays.toString(faderTrials));
        assertTrue(muteMillis >= 0 && muteMillis < 100, "a mute is heard within 100 ms, took " + java.util.Arrays.toString(muteTrials));
        System.out.printf(java.util.Locale.ROOT, "live preview: fader heard after %.1f ms, mute after %.1f ms (level %.1f dBFS)%n",
                faderMillis, muteMillis, soloed);

        // EQ is heard live too: a broad +12 dB bell on the soloed track goes into the graph as the renderer's own
        // filter (the band the revision would add to the kept source), and out again when the fields are cleared.
        double flat = steadyLevelDb();
        String setBand = "function set(n, v) { var f = document.querySelector('[name=' + n + ']'); f.value = v;"
                + " f.dispatchEvent(new Event('input', { bubbles: true })); }";
        js().executeScript(setBand + " set('eqNew" + g + "-2-q', '0.4'); set('eqNew" + g + "-2-db', '12'); set('eqNew" + g + "-2-hz', '120');");
        Thread.sleep(300);
        double boosted = steadyLevelDb();
        assertTrue(boosted > flat + 3, "the bell is heard (the strip's compressor and the limiter hold some back): " + flat
                + " → " + boosted + " dBFS");
        String previewed = String.valueOf(js().executeScript("return JSON.stringify(window.neuromixPreview.eqBands(" + g + "));"));
        assertTrue(previewed.contains("\"hz\":120") && previewed.contains("\"gainDb\":12"), previewed);
        js().executeScript(setBand + " set('eqNew" + g + "-2-hz', ''); set('eqNew" + g + "-2-db', ''); set('eqNew" + g + "-2-q', '1.00');");
        Thread.sleep(300);
        double back = steadyLevelDb();
        assertEquals(flat, back, 1.5, "and gone again");
        System.out.printf(java.util.Locale.ROOT, "live preview EQ: %.1f dBFS flat, %.1f with +12 dB at 120 Hz, %.1f after%n", flat,
                boosted, back);

        // The compressor's gain reduction and the phase meter, while it plays.
        js().executeScript("var t = document.querySelector('[name=compDb" + g + "]'), r = document.querySelector('[name=compRatio" + g + "]');"
                + " t.value = '-50'; r.value = '10'; t.dispatchEvent(new Event('input', { bubbles: true }));");
        Thread.sleep(500);
        double reduction = ((Number) js().executeScript("return window.neuromixPreview.reductionDb(" + g + ");")).doubleValue();
        assertTrue(reduction < -3, "a −50 dB threshold at 10:1 reduces the gain: " + reduction + " dB");
        String grText = browser.findElement(By.id("gr" + g)).getText();
        assertTrue(grText.startsWith("gain reduction -"), grText);
        double correlation = ((Number) js().executeScript("return window.neuromixPreview.correlation();")).doubleValue();
        assertTrue(correlation >= -1 && correlation <= 1, "correlation " + correlation);
        assertTrue(browser.findElement(By.id("correlation")).getText().startsWith("Correlation "),
                browser.findElement(By.id("correlation")).getText());

        // The EQ curve draws what the renderer makes: the page's response against the engine's own filters.
        String bands = "[{type:'highPass',hz:80,q:0.7071,gainDb:0,slope:24},{type:'peaking',hz:2500,q:1.4,gainDb:-3.5,slope:12},"
                + "{type:'lowShelf',hz:120,q:0.7071,gainDb:2,slope:12},{type:'highShelf',hz:9000,q:0.7,gainDb:-1.5,slope:12},"
                + "{type:'notch',hz:60,q:8,gainDb:0,slope:12},{type:'lowPass',hz:16000,q:0.7071,gainDb:0,slope:12}]";
        List<BiquadFilter> filters = List.of(new BiquadFilter(FilterType.HIGH_PASS, 80, 0.7071, 0, 24),
                new BiquadFilter(FilterType.PEAKING, 2500, 1.4, -3.5), new BiquadFilter(FilterType.LOW_SHELF, 120, 0.7071, 2),
                new BiquadFilter(FilterType.HIGH_SHELF, 9000, 0.7, -1.5), new BiquadFilter(FilterType.NOTCH, 60, 8, 0),
                new BiquadFilter(FilterType.LOW_PASS, 16000, 0.7071, 0));
        for (BiquadFilter filter : filters) {
            filter.prepare(new ProcessSpec(48_000, 512, 1));
        }
        for (double hz : new double[] {25, 60, 80, 120, 400, 1000, 2500, 6000, 9000, 15000}) {
            double page = ((Number) js().executeScript("return window.neuromixEq.responseDb(" + bands + ", arguments[0]);", hz))
                    .doubleValue();
            double engine = filters.stream().mapToDouble(f -> f.magnitudeDb(hz, 48_000)).sum();
            assertEquals(engine, page, 0.01, "the curve at " + hz + " Hz");
        }

        // A band added on the curve (double click) and dragged sets the fields the render reads.
        WebElement curve = browser.findElement(By.cssSelector("canvas.eq-curve[data-track='" + g + "']"));
        js().executeScript("arguments[0].scrollIntoView({block: 'center'});", curve);
        int width = curve.getSize().getWidth(), height = curve.getSize().getHeight();
        new Actions(browser).moveToElement(curve, -width / 4, -height / 4).doubleClick().perform();
        String addedHz = browser.findElement(By.name("eqNew" + g + "-1-hz")).getAttribute("value");
        String addedDb = browser.findElement(By.name("eqNew" + g + "-1-db")).getAttribute("value");
        double expectedHz = 20 * Math.pow(1000, 0.25);
        assertEquals(expectedHz, Double.parseDouble(addedHz), expectedHz * 0.05, "a quarter across is 20 Hz × 1000^¼");
        assertEquals(9, Double.parseDouble(addedDb), 1.0, "a quarter down from the top is +9 dB");
        new Actions(browser).moveToElement(curve, -width / 4, -height / 4).clickAndHold().moveByOffset(width / 4, height / 4 + height / 8)
                .release().perform();
        double draggedHz = Double.parseDouble(browser.findElement(By.name("eqNew" + g + "-1-hz")).getAttribute("value"));
        double draggedDb = Double.parseDouble(browser.findElement(By.name("eqNew" + g + "-1-db")).getAttribute("value"));
        assertEquals(20 * Math.pow(1000, 0.5), draggedHz, 632 * 0.05, "dragged to the middle: about 632 Hz");
        assertEquals(-4.5, draggedDb, 1.0, "an eighth under the 0 dB line is −4.5 dB");
        js().executeScript("arguments[0].dispatchEvent(new WheelEvent('wheel', {deltaY: -100, clientX: arguments[1], clientY: arguments[2],"
                + " bubbles: true, cancelable: true}));", curve,
                js().executeScript("var r = arguments[0].getBoundingClientRect(); return r.left + r.width / 2;", curve),
                js().executeScript("var r = arguments[0].getBoundingClientRect(); return r.top + r.height * (0.5 + 1 / 8);", curve));
        assertEquals("1.1", browser.findElement(By.name("eqNew" + g + "-1-q")).getAttribute("value"), "the wheel widens or narrows the band");

        // What the preview played is what gets rendered: the same fields, exactly.
        browser.findElement(By.id("solo" + g)).click(); // solo is the preview's only
        js().executeScript("var p = document.getElementById('pan" + panned + "'); p.value = '0.25';"
                + " p.dispatchEvent(new Event('input', { bubbles: true }));");
        browser.findElement(By.id("mute" + muted)).click();
        browser.findElement(By.id("render-revision")).click();
        JsonNode done = BrowserTesting.awaitRevision(me, id, 2);
        JsonNode plan = me.get("/api/v1/sessions/" + id + "/plan?revision=2").json();
        assertEquals(-6.5, plan.get("tracks").get(g).get("gain").get("gainDb").asDouble(), 0.0);
        assertEquals(0.25, plan.get("tracks").get(panned).get("pan").get("position").asDouble(), 0.0);
        for (int t = 0; t < 4; t++) {
            assertEquals(t == muted, plan.get("tracks").get(t).get("muted").asBoolean(), "track " + t + " muted");
        }
        JsonNode compressor = plan.get("tracks").get(g).get("compressor");
        assertEquals(-50, compressor.get("thresholdDb").asDouble(), 0.0);
        assertEquals(10, compressor.get("ratio").asDouble(), 0.0);
        JsonNode added = null;
        for (JsonNode band : plan.get("tracks").get(g).get("eq")) {
            if (band.get("type").asString().equals("peaking") && band.get("frequencyHz").asDouble() == draggedHz) {
                added = band;
            }
        }
        assertTrue(added != null, "the band set on the curve is rendered: " + plan.get("tracks").get(g).get("eq"));
        assertEquals(draggedDb, added.get("gainDb").asDouble(), 0.0);
        assertEquals(1.1, added.get("q").asDouble(), 0.0);
    }
}
