package org.neuromix.app.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuromix.app.testing.ApiClient;
import org.neuromix.app.testing.BrowserLike;
import org.neuromix.app.testing.ServiceTest;
import org.neuromix.app.testing.TestStems;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Walks every route of the app that addresses a session, file or token (found from the handler
 * mapping, so a new route is walked without editing this test) as a second user and as an
 * anonymous client, against the first user's completed session. The second user gets 403 or 404
 * everywhere; an anonymous client gets 401 on the API and the sign-in redirect on pages; the
 * owner's session is untouched afterwards.
 */
class AuthorizationTest extends ServiceTest {
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @TempDir
    Path stems;

    @Test
    void nobodyButTheOwnerReachesASessionItsPlanReportOrFiles() throws Exception {
        ApiClient owner = newUser("Owner");
        List<Path> files = TestStems.write(stems, 3);
        String done = owner.post("/api/v1/sessions", "{\"name\":\"Private song\"}").json().get("id").asString();
        owner.upload("/api/v1/sessions/" + done + "/files", files);
        owner.postEmpty("/api/v1/sessions/" + done + "/start");
        assertEquals("completed", owner.awaitDone(done, Duration.ofMinutes(2)).get("status").asString());
        String plan = owner.get("/api/v1/sessions/" + done + "/plan").body();
        String draft = owner.post("/api/v1/sessions", "{\"name\":\"Draft\"}").json().get("id").asString();
        String fileId = owner.upload("/api/v1/sessions/" + draft + "/files", files.subList(0, 1)).json().get("files").get(0)
                .get("id").asString();

        String tokenId = String.valueOf(jdbc.sql("select t.id from api_tokens t join accounts a on a.id = t.account_id"
                + " where a.email = ?").param(owner.email()).query(Long.class).list().get(0));
        String ownerId = owner.get("/api/v1/accounts/me").json().get("id").asString();
        ApiClient intruder = newUser("Intruder");
        BrowserLike intruderBrowser = new BrowserLike(base());
        intruderBrowser.signIn(intruder.email(), PASSWORD);
        HttpClient anonymous = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

        List<String> walked = new ArrayList<>();
        for (var entry : mappings.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = entry.getKey();
            HandlerMethod handler = entry.getValue();
            if (!handler.getBeanType().getPackageName().startsWith("org.neuromix")) {
                continue;
            }
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPathPatternsCondition().getPatternValues()) {
                if (!pattern.contains("{")) {
                    continue;
                }
                for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                    for (String sessionId : List.of(done, draft)) {
                        String path = pattern.replace("{id}", sessionId).replace("{fileId}", fileId).replace("{tokenId}", tokenId)
                                .replace("{accountId}", ownerId).replace("{kind}", "instrumental")
                                .replace("{incidentId}", "1") // the intruder was sent no breach notice
                                .replace("{track}", "0");
                        assertFalse(path.contains("{"), "a route with a path variable this walk does not know yet: "
                                + pattern + " (add a value for it above)");
                        walked.add(method + " " + path);
                        boolean api = path.startsWith("/api/");
                        int asIntruder = api ? apiStatus(intruder, method, path, plan, files.get(0))
                                : pageStatus(intruderBrowser, method, path);
                        assertTrue(asIntruder == 403 || asIntruder == 404, method + " " + path + " as another user: " + asIntruder);
                        HttpResponse<String> anon = anonymous.send(HttpRequest.newBuilder(URI.create(base() + path))
                                .method(method.name(), HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
                        if (api) {
                            assertEquals(401, anon.statusCode(), method + " " + path + " anonymously");
                        } else {
                            boolean toSignIn = anon.statusCode() == 302
                                    && anon.headers().firstValue("Location").orElse("").endsWith("/login");
                            assertTrue(toSignIn || anon.statusCode() == 403, method + " " + path + " anonymously: "
                                    + anon.statusCode());
                        }
                    }
                }
            }
        }
        assertTrue(walked.size() >= 40, "walked " + walked.size() + " routes: " + walked);
        assertTrue(walked.stream().anyMatch(w -> w.startsWith("PUT /api/v1/sessions/")), "PUT plan walked");

        // The owner's sessions are intact; the intruder's list does not show them.
        assertEquals(200, owner.get("/api/v1/sessions/" + done + "/report").status());
        assertEquals(200, owner.get("/api/v1/sessions/" + done + "/mix.wav").status());
        assertEquals(1, owner.get("/api/v1/sessions/" + draft).json().get("files").size());
        assertEquals(1, owner.get("/api/v1/sessions/" + done).json().get("revisions").size(), "no revision was added");
        assertFalse(intruder.get("/api/v1/sessions").body().contains(done));
        assertEquals(200, owner.get("/api/v1/sessions").status(), "the owner's token was not revoked");
        assertEquals(200, owner.get("/api/v1/accounts/me").status(), "the owner's account was not deleted");
        assertFalse(intruderBrowser.get("/dashboard").contains("Private song"));
    }

    private static int apiStatus(ApiClient client, RequestMethod method, String path, String plan, Path wav) throws Exception {
        return switch (method) {
            case GET -> client.get(path).status();
            case DELETE -> client.delete(path).status();
            case PUT -> client.put(path, plan).status();
            case POST -> path.endsWith("/files") ? client.upload(path, List.of(wav)).status()
                    : client.post(path, "{}").status();
            default -> client.send(HttpRequest.newBuilder(URI.create("http://unused")).build()).status();
        };
    }

    private static int pageStatus(BrowserLike browser, RequestMethod method, String path) {
        if (method == RequestMethod.GET) {
            browser.get(path);
            return browser.status();
        }
        String token = browser.csrf();
        String body = "_csrf=" + URLEncoder.encode(token, StandardCharsets.UTF_8) + "&gain0=3&name=x&target=spotify";
        browser.send(HttpRequest.newBuilder(URI.create(browser.baseUrl() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .method(method.name(), HttpRequest.BodyPublishers.ofString(body)).build());
        return browser.status();
    }

}
