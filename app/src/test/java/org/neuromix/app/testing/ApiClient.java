package org.neuromix.app.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client for the API, as a script would use it. */
public final class ApiClient {
    public static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private String token;
    private String email;

    public ApiClient(String base) {
        this.base = base;
    }

    public ApiClient withToken(String token) {
        ApiClient copy = new ApiClient(base);
        copy.token = token;
        return copy;
    }

    public String token() {
        return token;
    }

    public String email() {
        return email;
    }

    public ApiClient withEmail(String email) {
        ApiClient copy = withToken(token);
        copy.email = email;
        return copy;
    }

    public record Response(int status, String body, HttpResponse<byte[]> raw) {
        public JsonNode json() {
            return JSON.readTree(body);
        }
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    public Response send(HttpRequest request) {
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Response(response.statusCode(), new String(response.body(), StandardCharsets.UTF_8), response);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Response get(String path) {
        return send(request(path).GET().build());
    }

    public Response delete(String path) {
        return send(request(path).DELETE().build());
    }

    public Response post(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public Response put(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public Response postEmpty(String path) {
        return send(request(path).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    /** multipart/form-data with each file in the field {@code file}. */
    public Response upload(String path, List<Path> files) throws IOException {
        List<NamedFile> named = new java.util.ArrayList<>();
        for (Path file : files) {
            named.add(new NamedFile(file.getFileName().toString(), Files.readAllBytes(file)));
        }
        return uploadNamed(path, named);
    }

    /** A file as a client sends it: any name, however odd, with its bytes. */
    public record NamedFile(String name, byte[] content) {
    }

    /** multipart/form-data with each file in the field {@code file}, under the name given (not escaped). */
    public Response uploadNamed(String path, List<NamedFile> files) throws IOException {
        String boundary = "----nmx" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (NamedFile file : files) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                    + file.name() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.write(file.content());
            body.write("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
    }

    /** Signs up (verification off) and returns a client holding a fresh token. */
    public ApiClient signUpAndToken(String name, String email, String password, String policyVersion) {
        Response signUp = post("/api/v1/accounts", JSON.writeValueAsString(java.util.Map.of("name", name, "email", email,
                "password", password, "adult", true, "acceptedPolicyVersion", policyVersion)));
        if (signUp.status() != 201) {
            throw new IllegalStateException("sign-up: " + signUp.status() + " " + signUp.body());
        }
        return withToken(createToken(email, password));
    }

    public String createToken(String email, String password) {
        Response response = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/tokens"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((email + ":" + password)
                        .getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        if (response.status() != 201) {
            throw new IllegalStateException("token: " + response.status() + " " + response.body());
        }
        return response.json().get("token").asString();
    }

    /** Polls the session until it leaves queued/running; returns its last status document. */
    public JsonNode awaitDone(String sessionId, Duration limit) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        JsonNode status;
        do {
            status = get("/api/v1/sessions/" + sessionId).json();
            String s = status.get("status").asString();
            if (s.equals("completed") || s.equals("failed")) {
                return status;
            }
            Thread.sleep(250);
        } while (System.nanoTime() < end);
        throw new AssertionError("session " + sessionId + " did not finish in " + limit + ": " + status);
    }
}
