package org.neuromix.app.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuromix.app.pipeline.ServeRestartIT;

/**
 * {@code bin/neuromix serve} with a certificate, as the README tells an operator to run it
 * ({@code --server.ssl.certificate=cert.pem --server.ssl.certificate-private-key=key.pem}): a
 * self-signed certificate for localhost made here with the JDK's keytool. Over TLS (trusting only
 * that certificate) the pages carry HSTS and a Secure, HttpOnly session cookie; plain HTTP on the
 * same port gets no page.
 */
class HttpsServeIT {
    private static final Path LAUNCHER = Path.of("..", "bin", "neuromix").toAbsolutePath().normalize();

    @TempDir
    Path directory;

    private Process server;

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null && server.isAlive()) {
            server.destroy();
            server.waitFor(60, TimeUnit.SECONDS);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    @Test
    void serveWithACertificateSpeaksTlsOnlyWithHstsAndSecureCookies() throws Exception {
        Path keyStore = directory.resolve("localhost.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "localhost", "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2",
                "-keystore", keyStore.toString(), "-storetype", "PKCS12", "-storepass", "test-only", "-keypass", "test-only")
                .redirectErrorStream(true).start();
        String keytoolOut = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(keytool.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, keytool.exitValue(), keytoolOut);
        KeyStore generated = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(keyStore.toFile())) {
            generated.load(in, "test-only".toCharArray());
        }
        X509Certificate certificate = (X509Certificate) generated.getCertificate("localhost");
        PrivateKey key = (PrivateKey) generated.getKey("localhost", "test-only".toCharArray());
        Path certificatePem = Files.writeString(directory.resolve("cert.pem"), pem("CERTIFICATE", certificate.getEncoded()));
        Path keyPem = Files.writeString(directory.resolve("key.pem"), pem("PRIVATE KEY", key.getEncoded())); // PKCS #8

        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("localhost", certificate);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        HttpClient https = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(10)).build();

        int port = ServeRestartIT.freePort();
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString(), "serve", "--port", String.valueOf(port),
                "--data-dir", directory.resolve("data").toString(),
                "--server.ssl.certificate=" + certificatePem, "--server.ssl.certificate-private-key=" + keyPem));
        Path log = directory.resolve("server.log");
        server = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        String base = "https://localhost:" + port;
        long end = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        boolean up = false;
        while (!up && System.nanoTime() < end) {
            try {
                up = https.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
            } catch (java.io.IOException notYet) {
                assertTrue(server.isAlive(), () -> "serve stopped: " + read(log));
                Thread.sleep(250);
            }
        }
        assertTrue(up, () -> "serve did not answer over TLS: " + read(log));

        HttpResponse<String> login = https.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, login.statusCode());
        assertTrue(login.body().contains("name=\"password\""), "the sign-in page");
        String hsts = login.headers().firstValue("Strict-Transport-Security").orElse("");
        assertTrue(hsts.matches("max-age=[1-9][0-9]*.*"), "HSTS: " + login.headers().map());
        String cookie = login.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("SESSION=")).findFirst()
                .orElseThrow(() -> new AssertionError("no session cookie: " + login.headers().map()));
        assertTrue(cookie.contains("; Secure"), cookie);
        assertTrue(cookie.contains("; HttpOnly"), cookie);
        HttpResponse<String> privacy = https.send(HttpRequest.newBuilder(URI.create(base + "/privacy")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(privacy.body().contains("id=\"transport\">HTTPS<"), "the privacy page says it came over HTTPS");

        // Plain HTTP to the same port: no page, no cookie.
        String plain = plainHttp(port);
        assertFalse(plain.startsWith("HTTP/1.1 2") || plain.startsWith("HTTP/1.1 3"), plain);
        assertFalse(plain.contains("name=\"password\"") || plain.contains("SESSION="), plain);
    }

    /** What a plain-HTTP request to the port gets back (Tomcat answers 400 or closes the connection). */
    private static String plainHttp(int port) throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 10_000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /login HTTP/1.1\r\nHost: localhost:" + port + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            try {
                return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            } catch (SocketTimeoutException | java.net.SocketException closed) {
                return "";
            }
        }
    }

    private static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
