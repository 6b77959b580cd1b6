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
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuromix.app.testing.Mails;
import org.neuromix.app.testing.ServiceTest;
import org.neuromix.app.testing.TestStems;
import org.neuromix.engine.loudness.FileLoudness;
import org.neuromix.engine.loudness.FileLoudnessAnalyzer;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A musician's walk in real headless Chromium (Debian's chromium + chromium-driver): sign up,
 * confirm the email, upload four stems, watch the progress, see the results (metrics, player,
 * charts), raise a stem's gain, get a new revision, download the mix — a valid WAV within
 * ±0.5 LU of the chosen target.
 */
class BrowserEndToEndTest extends ServiceTest {
    @TempDir
    Path folder;

    private WebDriver browser;

    @BeforeEach
    void startBrowser() {
        browser = BrowserTesting.chromium(folder.resolve("chromium-profile"), "--autoplay-policy=no-user-gesture-required",
                "--window-size=1280,2000");
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    /** Ignores elements that went stale: the progress poller reloads the page while a condition looks at it. */
    private WebDriverWait waitUpTo(Duration limit) {
        WebDriverWait wait = new WebDriverWait(browser, limit, Duration.ofMillis(200));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return wait;
    }

    @Test
    void signUpUploadMixReviseAndDownload() throws Exception {
        String email = "e2e-" + System.nanoTime() + "@example.com";
        List<Path> stems = TestStems.write(folder, 10);

        browser.get(base() + "/signup");
        browser.findElement(By.id("name")).sendKeys("Eve Example");
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.id("adult")).click();
        browser.findElement(By.id("policy")).click();
        browser.findElement(By.id("sign-up")).click();
        // Until the next page arrives the sign-up page's own heading is there (and goes stale): wait for the new one.
        waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"),
                "Check your email"));

        browser.get(base() + Mails.link(Mails.latest(MAIL, email, "Confirm your email"), "/verify"));
        assertTrue(browser.findElement(By.tagName("h1")).getText().contains("Address confirmed"));

        browser.get(base() + "/login");
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.id("sign-in")).click();
        waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/dashboard"));

        browser.findElement(By.id("new-session")).click();
        browser.findElement(By.id("session-name")).sendKeys("Browser song");
        new Select(browser.findElement(By.id("target"))).selectByValue("spotify");
        browser.findElement(By.id("create-session")).click();
        waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(By.id("dropzone")));

        // The uploader sends each file with its own progress bar, then reloads the page.
        WebElement input = browser.findElement(By.id("files"));
        ((JavascriptExecutor) browser).executeScript("arguments[0].hidden = false;", input);
        input.sendKeys(stems.stream().map(Path::toString).collect(Collectors.joining("\n")));
        waitUpTo(Duration.ofSeconds(60)).until(d -> d.findElements(By.cssSelector("#files-table tr")).size() == 5);

        browser.findElement(By.id("start")).click();
        WebElement progress = waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(By.id("progress")));
        assertTrue(progress.isDisplayed());
        waitUpTo(Duration.ofMinutes(3)).until(ExpectedConditions.presenceOfElementLocated(By.id("integrated")));
        assertEquals("completed", browser.findElement(By.id("status")).getText());
        assertTrue(browser.findElement(By.id("integrated")).getText().endsWith("LUFS"));
        assertTrue(browser.findElement(By.id("waveform")).isDisplayed(), "the player's waveform");
        assertEquals(8, browser.findElements(By.cssSelector("#platforms tr")).size(), "7 platforms and the header");
        assertEquals(5, browser.findElements(By.cssSelector("#stems > tbody > tr")).size(), "4 stems and the header");
        Object drawn = ((JavascriptExecutor) browser).executeScript(
                "var c = document.getElementById('loudness-chart').getContext('2d');"
                        + "var d = c.getImageData(0, 0, 1000, 220).data; var n = 0;"
                        + "for (var i = 3; i < d.length; i += 4) { if (d[i] > 0) n++; } return n;");
        assertTrue(((Number) drawn).intValue() > 1000, "the loudness chart is drawn");
        WebElement ab = browser.findElement(By.id("ab"));
        ab.click();
        assertEquals("the unprocessed sum", browser.findElement(By.id("ab-label")).getText());
        Files.write(Path.of("target", "e2e-results.png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));

        WebElement gain = browser.findElement(By.id("gain0"));
        double before = Double.parseDouble(gain.getAttribute("value"));
        gain.clear();
        gain.sendKeys(String.valueOf(before + 3));
        browser.findElement(By.id("render-revision")).click();
        waitUpTo(Duration.ofMinutes(3)).until(d -> d.findElements(By.id("integrated")).size() == 1
                && d.findElement(By.tagName("h2")).getText().length() > 0
                && d.getPageSource().contains("Revision <span>2</span>"));
        assertEquals(3, browser.findElements(By.cssSelector("#revisions tr")).size(), "both revisions are listed");

        // One click for the karaoke version: the AI's mix without the vocal track.
        browser.findElement(By.id("instrumental")).click();
        waitUpTo(Duration.ofMinutes(3)).until(d -> d.findElements(By.id("integrated")).size() == 1
                && d.getPageSource().contains("Revision <span>3</span>"));
        assertTrue(browser.findElement(By.id("revisions")).getText().contains("instrumental"));
        browser.findElement(By.cssSelector("#revisions a[href$='revision=2']")).click();
        waitUpTo(Duration.ofSeconds(10)).until(d -> d.getPageSource().contains("Revision <span>2</span>"));

        String href = browser.findElement(By.id("download-mix")).getAttribute("href");
        String cookies = browser.manage().getCookies().stream().map(c -> c.getName() + "=" + c.getValue())
                .collect(Collectors.joining("; "));
        HttpResponse<Path> download = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(href))
                .header("Cookie", cookies).build(), HttpResponse.BodyHandlers.ofFile(folder.resolve("downloaded.wav")));
        assertEquals(200, download.statusCode());
        byte[] header = Files.readAllBytes(download.body());
        assertEquals("RIFF", new String(header, 0, 4, java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals("WAVE", new String(header, 8, 4, java.nio.charset.StandardCharsets.US_ASCII));
        FileLoudness measured = FileLoudnessAnalyzer.analyze(download.body());
        assertEquals(-14, measured.measurement().integratedLufs(), 0.5, "Spotify's −14 LUFS");
        assertTrue(measured.measurement().truePeakDbtp() <= -1 + 0.1);
    }
}
