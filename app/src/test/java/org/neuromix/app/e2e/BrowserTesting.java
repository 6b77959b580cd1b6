package org.neuromix.app.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.neuromix.app.testing.ApiClient;
import org.neuromix.app.testing.TestStems;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

/** What the browser tests share: Debian's headless Chromium, signing in, a mixed session, waiting for a revision. */
final class BrowserTesting {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private BrowserTesting() {
    }

    /**
     * Headless Chromium with a new empty profile in {@code profile} and the flags this machine's
     * closed network needs; {@code extra} adds to them (a window size, autoplay).
     */
    static WebDriver chromium(Path profile, String... extra) {
        assertTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "install Debian's chromium and chromium-driver (.ci/run does)");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        List<String> arguments = new ArrayList<>(List.of("--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--disable-quic", "--user-data-dir=" + profile));
        arguments.addAll(List.of(extra));
        options.addArguments(arguments);
        return new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build(), options);
    }

    /** Signs in through the login page and waits for the dashboard. */
    static void signIn(WebDriver browser, String base, String email, String password) {
        browser.get(base + "/login");
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("sign-in")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("/dashboard"));
    }

    /** A session of the four test stems ({@code seconds} long), mixed through the API; its id. */
    static String mixedSession(ApiClient me, Path folder, String name, double seconds) throws Exception {
        String id = me.post("/api/v1/sessions", "{\"name\":\"" + name + "\"}").json().get("id").asString();
        assertEquals(201, me.upload("/api/v1/sessions/" + id + "/files", TestStems.write(folder, seconds)).status());
        assertEquals(202, me.postEmpty("/api/v1/sessions/" + id + "/start").status());
        assertEquals("completed", me.awaitDone(id, Duration.ofMinutes(3)).get("status").asString());
        return id;
    }

    /** Waits until revision {@code number} has completed (the form's POST may not have landed yet). */
    static JsonNode awaitRevision(ApiClient me, String id, int number) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        JsonNode session = me.get("/api/v1/sessions/" + id).json();
        while (System.nanoTime() < end && !(session.get("revision").asInt() == number
                && session.get("status").asString().equals("completed"))) {
            assertTrue(!session.get("status").asString().equals("failed"), session.toString());
            Thread.sleep(250);
            session = me.get("/api/v1/sessions/" + id).json();
        }
        assertEquals(number, session.get("revision").asInt(), session.toString());
        assertEquals("completed", session.get("status").asString(), session.toString());
        return session;
    }
}
