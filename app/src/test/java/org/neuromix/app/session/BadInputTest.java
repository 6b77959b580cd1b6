package org.neuromix.app.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuromix.app.testing.ApiClient;
import org.neuromix.app.testing.BrowserLike;
import org.neuromix.app.testing.ServiceTest;
import org.neuromix.app.testing.TestStems;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * What bad input gets: a clear message naming the file or field, a 4xx status, and nothing else
 * in the session lost. Small limits make the size and count checks cheap.
 */
@TestPropertySource(properties = {"neuromix.sessions.max-file-size=300KB", "neuromix.sessions.max-files=3"})
class BadInputTest extends ServiceTest {
    @TempDir
    Path folder;

    @Test
    void badUploadsAreRefusedByNameAndTheGoodFileStays() throws Exception {
        ApiClient me = newUser("Bo");
        String id = me.post("/api/v1/sessions", "{\"name\":\"Bad files\"}").json().get("id").asString();
        Path kick = TestStems.write(folder, 2).get(0); // 2 s of 16-bit mono: 176 KB
        assertEquals(201, me.upload("/api/v1/sessions/" + id + "/files", List.of(kick)).status());

        Path empty = Files.createFile(folder.resolve("empty.wav"));
        ApiClient.Response zero = me.upload("/api/v1/sessions/" + id + "/files", List.of(empty));
        assertEquals(400, zero.status());
        assertEquals("file", zero.json().get("field").asString());
        assertTrue(zero.json().get("detail").asString().contains("empty.wav"), zero.body());

        Path text = Files.writeString(folder.resolve("lyrics.mp3"), "la la la ".repeat(500));
        ApiClient.Response notAudio = me.upload("/api/v1/sessions/" + id + "/files", List.of(text));
        assertEquals(400, notAudio.status());
        assertTrue(notAudio.json().get("detail").asString().contains("lyrics.mp3"), notAudio.body());

        Path big = folder.resolve("big.wav");
        Files.write(big, new byte[400 * 1024]);
        ApiClient.Response tooBig = me.upload("/api/v1/sessions/" + id + "/files", List.of(big));
        assertEquals(413, tooBig.status(), tooBig.body());

        JsonNode session = me.get("/api/v1/sessions/" + id).json();
        assertEquals(1, session.get("files").size(), "the good file is still there");
        assertEquals("Kick.wav", session.get("files").get(0).get("name").asString());
        try (var left = Files.walk(DATA.resolve("files/sessions/" + id))) {
            assertEquals(1, left.filter(Files::isRegularFile).count(), "refused files are not kept");
        }

        assertEquals(201, me.upload("/api/v1/sessions/" + id + "/files", List.of(kick)).status());
        assertEquals(201, me.upload("/api/v1/sessions/" + id + "/files", List.of(kick)).status());
        ApiClient.Response fourth = me.upload("/api/v1/sessions/" + id + "/files", List.of(kick));
        assertEquals(400, fourth.status());
        assertTrue(fourth.json().get("detail").asString().contains("at most 3"), fourth.body());
        assertEquals(List.of("Kick.wav", "Kick (2).wav", "Kick (3).wav"), names(me.get("/api/v1/sessions/" + id).json()));

        assertEquals(202, me.postEmpty("/api/v1/sessions/" + id + "/start").status());
        ApiClient.Response late = me.upload("/api/v1/sessions/" + id + "/files", List.of(kick));
        assertEquals(409, late.status(), "files are fixed once started");
    }

    @Test
    void unknownOptionValuesNameTheirField() throws Exception {
        ApiClient me = newUser("Cy");
        for (Map.Entry<String, String> bad : Map.of(
                "{\"style\":\"polka\"}", "style",
                "{\"target\":\"vinyl\"}", "target",
                "{\"reverb\":\"cathedral\"}", "reverb",
                "{\"pan\":\"left\"}", "pan",
                "{\"intensity\":150}", "intensity",
                "{\"stems\":{\"Kick.wav\":{\"role\":\"kazoo\"}}}", "stems[Kick.wav].role",
                "{\"stems\":{\"Kick.wav\":{\"presence\":\"loud\"}}}", "stems[Kick.wav].presence",
                "{\"intensity\":\"much\"}", "intensity").entrySet()) {
            ApiClient.Response response = me.post("/api/v1/sessions", bad.getKey());
            assertEquals(400, response.status(), bad.getKey() + " → " + response.body());
            assertEquals(bad.getValue(), response.json().get("field").asString(), response.body());
        }
        assertEquals(0, me.get("/api/v1/sessions").json().get("total").asInt(), "nothing was created");
        ApiClient.Response noStems = me.postEmpty("/api/v1/sessions/" + me.post("/api/v1/sessions", "{}").json()
                .get("id").asString() + "/start");
        assertEquals(409, noStems.status());
        assertEquals("files", noStems.json().get("field").asString());
    }

    @Test
    void theBrowserGetsAPageWithTheReasonNotAStackTrace() throws Exception {
        ApiClient me = newUser("Di");
        BrowserLike browser = new BrowserLike(base());
        browser.signIn(me.email(), PASSWORD);
        String page = browser.postForm("/sessions", Map.of("name", "x", "style", "polka"));
        assertEquals(400, browser.status());
        assertTrue(page.contains("style must be one of") && !page.contains("Exception"), page);
        browser.get("/sessions/not-a-session");
        assertEquals(404, browser.status());
    }

    private static List<String> names(JsonNode session) {
        return java.util.stream.StreamSupport.stream(session.get("files").spliterator(), false)
                .map(f -> f.get("stem").asString()).toList();
    }
}
