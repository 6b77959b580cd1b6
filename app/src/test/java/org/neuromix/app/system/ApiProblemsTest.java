package org.neuromix.app.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.neuromix.app.account.AccountService;
import org.neuromix.app.testing.ApiClient;
import org.neuromix.app.testing.BrowserLike;
import org.neuromix.app.testing.ServiceTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every error the API gives is an RFC 9457 problem (application/problem+json) naming the
 * offending field or parameter where there is one — also those Spring raises before a
 * controller runs — and no answer echoes a huge value back.
 */
class ApiProblemsTest extends ServiceTest {
    @Autowired
    AccountService accounts;

    static ApiClient.Response assertProblem(ApiClient.Response response, int status, String field) {
        assertEquals(status, response.status(), response.body());
        assertTrue(response.raw().headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                response.raw().headers() + " " + response.body());
        assertEquals(status, response.json().get("status").asInt(), response.body());
        assertFalse(response.json().get("detail").asString().isBlank(), response.body());
        if (field != null) {
            assertEquals(field, response.json().path("field").asString(), response.body());
        }
        return response;
    }

    @Test
    void badlyTypedPathAndQueryParametersNameTheParameter() throws Exception {
        ApiClient me = newUser("Pat");
        String id = me.post("/api/v1/sessions", "{\"name\":\"Typed\"}").json().get("id").asString();
        assertProblem(me.get("/api/v1/sessions?page=abc"), 400, "page");
        assertProblem(me.get("/api/v1/sessions?size=9999999999999"), 400, "size");
        assertProblem(me.delete("/api/v1/tokens/abc"), 400, "tokenId");
        assertProblem(me.get("/api/v1/sessions/" + id + "/report?revision=99999999999"), 400, "revision");
        assertProblem(me.get("/api/v1/sessions/" + id + "/mix.wav?revision=x"), 400, "revision");
        ApiClient.Response negative = assertProblem(me.get("/api/v1/sessions/" + id + "/report?revision=-1"), 400, "revision");
        assertFalse(negative.body().contains("no completed mix yet"), negative.body());
        assertProblem(me.get("/api/v1/sessions/" + id + "/plan?revision=0"), 400, "revision");
    }

    @Test
    void wrongMediaTypeUnknownRoutesAndWrongMethodsAreProblems() throws Exception {
        ApiClient me = newUser("Mo");
        ApiClient.Response text = me.send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/sessions"))
                .header("Authorization", "Bearer " + me.token()).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("hello")).build());
        assertProblem(text, 415, null);
        assertProblem(me.get("/api/v1/no-such-thing"), 404, null);
        assertProblem(me.delete("/api/v1/policy"), 405, null);
    }

    @Test
    void jsonBodiesOverTheLimitAre413AndHugeValuesAreNotEchoed() throws Exception {
        ApiClient me = newUser("Big");
        String tenMegabytes = "{\"name\":\"x\",\"style\":\"" + "p".repeat(10 * 1024 * 1024) + "\"}";
        ApiClient.Response huge = assertProblem(me.post("/api/v1/sessions", tenMegabytes), 413, "body");
        assertTrue(huge.body().length() < 1000, "short answer: " + huge.body().length() + " characters");

        String nearTheLimit = "{\"style\":\"" + "p".repeat(900 * 1024) + "\"}";
        ApiClient.Response echoed = assertProblem(me.post("/api/v1/sessions", nearTheLimit), 400, "style");
        assertTrue(echoed.body().length() < 1000, "the value is not echoed whole: " + echoed.body().length() + " characters");
        assertEquals(0, me.get("/api/v1/sessions").json().get("total").asInt(), "nothing was created");
    }

    @Test
    void sessionNamesLoseBidiControlsAndControlCharactersGetAClearAnswer() throws Exception {
        ApiClient me = newUser("Nia");
        ApiClient.Response nul = assertProblem(me.post("/api/v1/sessions", "{\"name\":\"a\\u0000b\"}"), 400, "name");
        assertTrue(nul.json().get("detail").asString().contains("control character"), nul.body());
        String id = me.post("/api/v1/sessions", "{\"name\":\"My \\u202Evaw.exe\\u202C song\\u200B\"}").json()
                .get("id").asString();
        assertEquals("My vaw.exe song", me.get("/api/v1/sessions/" + id).json().get("name").asString());
        assertProblem(me.post("/api/v1/sessions", "{\"name\":\"" + "x".repeat(201) + "\"}"), 400, "name");
    }

    @Test
    void theAdminPagesPagingIsBoundsChecked() throws Exception {
        String adminEmail = "admin-" + System.nanoTime() + "@neuromix.local";
        accounts.createOrPromoteStaff("Ada Admin", adminEmail, "admin password 7", "ADMIN");
        BrowserLike admin = new BrowserLike(base());
        admin.signIn(adminEmail, "admin password 7");
        String page = admin.get("/admin?page=50000000");
        assertEquals(200, admin.status(), page);
        page = admin.get("/admin?page=abc");
        assertEquals(400, admin.status(), page);
        assertTrue(page.contains("page") && page.contains("whole number"), page);
    }

    @Test
    void pagesShowTheReasonOfATypeErrorAndOfAMissingCsrfToken() throws Exception {
        ApiClient me = newUser("Ivo");
        String id = me.post("/api/v1/sessions", "{\"name\":\"Pages\"}").json().get("id").asString();
        BrowserLike browser = new BrowserLike(base());
        browser.signIn(me.email(), PASSWORD);
        String page = browser.get("/sessions/" + id + "?revision=abc");
        assertEquals(400, browser.status());
        assertTrue(page.contains("revision") && page.contains("whole number"), page);
        assertEquals(403, browser.postWithoutCsrf("/account/name", Map.of("name", "Mallory")));
        assertTrue(browser.lastBody().contains("reload the page"), browser.lastBody());
        assertTrue(browser.get("/account").contains("Ivo"));
    }
}
