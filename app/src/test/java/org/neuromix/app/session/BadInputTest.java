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

    @Test
    void uploadLimitsAreProblemsNamingTheFileAndTheReason() throws Exception {
        ApiClient me = newUser("Ed");
        String url = "/api/v1/sessions/" + me.post("/api/v1/sessions", "{}").json().get("id").asString() + "/files";
        ApiClient.Response tooBig = me.uploadNamed(url, List.of(new ApiClient.NamedFile("big.wav", new byte[400 * 1024])));
        assertProblem(tooBig, 413, "file", "larger than the limit");

        List<ApiClient.NamedFile> many = new java.util.ArrayList<>();
        for (int i = 0; i < 41; i++) { // server.tomcat.max-part-count is 40
            many.add(new ApiClient.NamedFile("part" + i + ".wav", new byte[16]));
        }
        assertProblem(me.uploadNamed(url, many), 413, "file", "at most 40 parts");

        String longName = "a".repeat(600) + ".wav";
        assertProblem(me.uploadNamed(url, List.of(new ApiClient.NamedFile(longName, new byte[16]))), 413, "file",
                "file name is too long");
        assertEquals(0, me.get(url.replace("/files", "")).json().get("files").size());
    }

    @Test
    void uploadedFileNamesWithNulAreRefusedAndBidiControlsAreStripped() throws Exception {
        ApiClient me = newUser("Fay");
        String url = "/api/v1/sessions/" + me.post("/api/v1/sessions", "{}").json().get("id").asString() + "/files";
        byte[] kick = Files.readAllBytes(TestStems.write(folder, 1).get(0));
        ApiClient.Response nul = me.uploadNamed(url, List.of(new ApiClient.NamedFile("kick\u0000.wav", kick)));
        // Tomcat refuses a NUL in a file name while parsing: a clear 400, not a 500.
        assertProblem(nul, 400, "file", "control character");
        ApiClient.Response bidi = me.uploadNamed(url, List.of(new ApiClient.NamedFile("snare\u202Evaw.exe.wav", kick)));
        assertEquals(201, bidi.status(), bidi.body());
        assertEquals("snarevaw.exe.wav", bidi.json().get("files").get(0).get("name").asString());
    }

    @Test
    void thePageUploaderGetsProblemsItCanShow() throws Exception {
        ApiClient me = newUser("Gus");
        String id = me.post("/api/v1/sessions", "{}").json().get("id").asString();
        BrowserLike browser = new BrowserLike(base());
        browser.signIn(me.email(), PASSWORD);
        String csrf = browser.csrf();
        String boundary = "----nmxpage";
        for (boolean withToken : List.of(true, false)) {
            // Without the token the file is small: the CSRF check reads the form, and a form over the limit is refused first.
            String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.wav\"\r\n"
                    + "Content-Type: audio/wav\r\n\r\n" + "x".repeat(withToken ? 400 * 1024 : 1024) + "\r\n--" + boundary + "--\r\n";
            java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create(base() + "/sessions/" + id + "/files"))
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary).header("Accept", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body));
            if (withToken) {
                request.header("X-CSRF-TOKEN", csrf);
            }
            var response = browser.send(request.build());
            assertEquals(withToken ? 413 : 403, response.statusCode(), response.body());
            assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                    response.body());
            JsonNode problem = ApiClient.JSON.readTree(response.body());
            assertTrue(problem.get("detail").asString().contains(withToken ? "larger than the limit" : "reload the page"),
                    response.body());
        }
    }

    private static void assertProblem(ApiClient.Response response, int status, String field, String detailPart) {
        assertEquals(status, response.status(), response.body());
        assertTrue(response.raw().headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                response.body());
        assertEquals(field, response.json().path("field").asString(), response.body());
        assertTrue(response.json().get("detail").asString().contains(detailPart), response.body());
    }

    private static List<String> names(JsonNode session) {
        return java.util.stream.StreamSupport.stream(session.get("files").spliterator(), false)
                .map(f -> f.get("stem").asString()).toList();
    }
}
