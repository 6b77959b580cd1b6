package org.neuromix.app.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuromix.app.testing.ApiClient;
import org.neuromix.app.testing.ServiceTest;
import org.neuromix.app.testing.TestStems;
import org.springframework.test.context.TestPropertySource;

/**
 * Uploads that would expand past a session's working-copy budget, or past what an account may
 * store, are refused before anything is decoded, by name and with the figures.
 */
@TestPropertySource(properties = {"neuromix.sessions.max-working-bytes=3MB", "neuromix.accounts.max-stored-bytes=2MB"})
class DiskBudgetTest extends ServiceTest {
    @TempDir
    Path folder;

    @Test
    void aSessionsWorkingCopiesStayWithinItsBudget() throws Exception {
        ApiClient me = newUser("Ari");
        String id = me.post("/api/v1/sessions", "{\"name\":\"Budget\"}").json().get("id").asString();
        // Mono 44.1 kHz 16-bit, 5 s: 441 kB each on disk, 0.96 MB each as 48 kHz float working copies.
        List<Path> stems = TestStems.write(folder, 5);
        assertEquals(201, me.upload("/api/v1/sessions/" + id + "/files", stems.subList(0, 3)).status());
        ApiClient.Response fourth = me.upload("/api/v1/sessions/" + id + "/files", stems.subList(3, 4));
        assertEquals(413, fourth.status(), fourth.body());
        assertEquals("file", fourth.json().get("field").asString());
        String detail = fourth.json().get("detail").asString();
        assertTrue(detail.contains(stems.get(3).getFileName().toString()) && detail.contains("more than a session may use"), detail);
    }

    @Test
    void anAccountsStoredUploadsStayWithinItsBudget() throws Exception {
        ApiClient me = newUser("Bea");
        List<Path> stems = TestStems.write(Files.createDirectories(folder.resolve("a")), 5);
        String first = me.post("/api/v1/sessions", "{\"name\":\"One\"}").json().get("id").asString();
        assertEquals(201, me.upload("/api/v1/sessions/" + first + "/files", stems.subList(0, 3)).status());
        // 441 kB each on disk: three stored, a fourth fits (1.76 MB), a fifth would pass the 2 MB.
        String second = me.post("/api/v1/sessions", "{\"name\":\"Two\"}").json().get("id").asString();
        assertEquals(201, me.upload("/api/v1/sessions/" + second + "/files", stems.subList(0, 1)).status());
        ApiClient.Response over = me.upload("/api/v1/sessions/" + second + "/files", stems.subList(1, 2));
        assertEquals(413, over.status(), over.body());
        assertTrue(over.json().get("detail").asString().contains("an account may store"), over.body());
        assertEquals(204, me.delete("/api/v1/sessions/" + first).status());
        assertEquals(201, me.upload("/api/v1/sessions/" + second + "/files", stems.subList(1, 2)).status(),
                "deleting a draft frees its share");
    }
}
