package org.neuromix.app.testing;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A cookie-keeping client that uses the HTML pages as a browser does (CSRF token from the page). */
public final class BrowserLike {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" (?:content|value)=\"([^\"]+)\"");
    private final String base;
    private final HttpClient http;
    private HttpResponse<String> last;

    public BrowserLike(String base) {
        this.base = base;
        this.http = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            last = http.send(request, HttpResponse.BodyHandlers.ofString());
            return last;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET().build()).body();
    }

    public String baseUrl() {
        return base;
    }

    public int status() {
        return last.statusCode();
    }

    public String lastBody() {
        return last.body();
    }

    /** The CSRF token of a page the server renders for this client (its session). */
    public String csrf() {
        Matcher m = CSRF.matcher(get("/login"));
        if (!m.find()) {
            throw new AssertionError("no CSRF token on the page");
        }
        return m.group(1);
    }

    public String postForm(String path, Map<String, String> fields) {
        Map<String, String> all = new LinkedHashMap<>(fields);
        all.put("_csrf", csrf());
        return post(path, all).body();
    }

    public int postWithoutCsrf(String path, Map<String, String> fields) {
        return post(path, fields).statusCode();
    }

    private HttpResponse<String> post(String path, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        // Follow the POST-redirect-GET ourselves so that the Set-Cookie of the sign-in answer is seen.
        HttpClient noRedirects = HttpClient.newBuilder().cookieHandler(http.cookieHandler().orElseThrow())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        try {
            HttpResponse<String> response = noRedirects.send(request, HttpResponse.BodyHandlers.ofString());
            last = response;
            cookie = response.headers().firstValue("Set-Cookie").orElse(cookie);
            String location = response.headers().firstValue("Location").orElse(null);
            if (response.statusCode() / 100 == 3 && location != null) {
                return send(HttpRequest.newBuilder(URI.create(base).resolve(location)).GET().build());
            }
            return response;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String cookie = "";

    /** Signs in through the form; returns the page it lands on. */
    public String signIn(String email, String password) {
        return postForm("/login", Map.of("email", email, "password", password));
    }

    public String lastSetCookie() {
        return cookie;
    }

    public String lastHeader(String name) {
        return last.headers().firstValue(name).orElse("");
    }

    public String cookieHeaderValue() {
        return ((CookieManager) http.cookieHandler().orElseThrow()).getCookieStore().getCookies().stream()
                .map(c -> c.getName() + "=" + c.getValue()).collect(Collectors.joining("; "));
    }
}
