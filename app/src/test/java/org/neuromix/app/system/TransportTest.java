package org.neuromix.app.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.neuromix.app.testing.ServiceTest;

/**
 * Behind a TLS-terminating reverse proxy on the same host, X-Forwarded-Proto: https makes the
 * request secure: HSTS is sent and the session cookie is Secure. Plain HTTP gets no HSTS.
 * Pages name no third-party origin in their Content-Security-Policy.
 */
class TransportTest extends ServiceTest {
    private HttpResponse<String> login(boolean behindTls) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + "/login"));
        if (behindTls) {
            request.header("X-Forwarded-Proto", "https");
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void hstsAndSecureCookiesBehindATlsProxyOnly() throws Exception {
        HttpResponse<String> secure = login(true);
        assertTrue(secure.headers().firstValue("Strict-Transport-Security").orElse("").contains("max-age="),
                secure.headers().map().toString());
        assertTrue(secure.headers().firstValue("Set-Cookie").orElse("").contains("Secure"), secure.headers().map().toString());
        HttpResponse<String> plain = login(false);
        assertTrue(plain.headers().firstValue("Strict-Transport-Security").isEmpty());
        String csp = plain.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.startsWith("default-src 'self'") && !csp.contains("http") && !csp.contains("*"), csp);
        assertEquals(-1, plain.body().indexOf("<script src=\"http"), "no third-party scripts");
    }

    @Test
    void metricsAreForTheLocalScraperOnly() throws Exception {
        HttpResponse<String> local = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base()
                + "/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, local.statusCode());
        assertTrue(local.body().contains("neuromix_jobs"), "job gauges");
        HttpResponse<String> forwarded = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base()
                + "/actuator/prometheus")).header("X-Forwarded-For", "203.0.113.9").build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(forwarded.statusCode() == 403 || forwarded.statusCode() == 302, "a remote client: " + forwarded.statusCode());
    }

    @Test
    void forwardedAndXRealIpFromTheProxyNameTheClientAsXForwardedForDoes() throws Exception {
        for (String[] header : new String[][] {{"Forwarded", "for=203.0.113.9;proto=https"},
            {"Forwarded", "for=\"[2001:db8:cafe::17]:4711\""}, {"X-Real-IP", "203.0.113.9"}}) {
            HttpResponse<String> remote = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base()
                    + "/actuator/prometheus")).header(header[0], header[1]).build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(remote.statusCode() == 403 || remote.statusCode() == 302,
                    header[0] + ": " + header[1] + " is a remote client: " + remote.statusCode());
        }
        HttpResponse<String> https = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base() + "/login"))
                .header("Forwarded", "for=127.0.0.1;proto=https").build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(https.headers().firstValue("Strict-Transport-Security").isPresent(), "proto=https counts as HTTPS");
        assertEquals(200, HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base() + "/actuator/prometheus"))
                .header("Forwarded", "for=_hidden").build(), HttpResponse.BodyHandlers.ofString()).statusCode(),
                "an obfuscated node names no client: the proxy itself asks");
    }

    @Test
    void theApiIsDescribedByOpenApi() throws Exception {
        HttpResponse<String> docs = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base()
                + "/v3/api-docs")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, docs.statusCode());
        for (String path : new String[] {"/api/v1/policy", "/api/v1/accounts", "/api/v1/tokens", "/api/v1/sessions",
            "/api/v1/sessions/{id}", "/api/v1/sessions/{id}/files", "/api/v1/sessions/{id}/start", "/api/v1/sessions/{id}/report",
            "/api/v1/sessions/{id}/plan", "/api/v1/sessions/{id}/mix.wav"}) {
            assertTrue(docs.body().contains("\"" + path + "\""), path);
        }
        assertTrue(docs.body().contains("bearer"), "the security scheme");
    }
}
