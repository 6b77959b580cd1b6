package org.neuromix.app.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole service on a random port, on the embedded default (H2 file database and local files
 * in a temporary data folder), with mail going to an in-process GreenMail SMTP server. Test
 * classes that add nothing share one running application.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "neuromix.pipeline.retry-delay=PT1S",
        "neuromix.accounts.login-max-failures=5",
        "db-scheduler.polling-interval=500ms",
        "logging.file.name=",
        "spring.main.banner-mode=off"})
public abstract class ServiceTest {
    public static final String POLICY_VERSION = "2026-11-01";
    public static final String PASSWORD = "correct horse battery";
    public static final GreenMail MAIL;
    protected static final Path DATA;

    static {
        MAIL = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        MAIL.start();
        try {
            DATA = Files.createTempDirectory("neuromix-test-data");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void serviceProperties(DynamicPropertyRegistry registry) {
        registry.add("neuromix.data-dir", DATA::toString);
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> MAIL.getSmtp().getPort());
    }

    protected String base() {
        return "http://localhost:" + port;
    }

    protected ApiClient api() {
        return new ApiClient(base());
    }

    /** A verified account with a token; the address is unique per call. */
    protected ApiClient newUser(String name) throws Exception {
        String email = name.toLowerCase(java.util.Locale.ROOT) + "-" + java.util.UUID.randomUUID().toString().substring(0, 8)
                + "@example.com";
        ApiClient client = api();
        ApiClient.Response signUp = client.post("/api/v1/accounts", ApiClient.JSON.writeValueAsString(java.util.Map.of(
                "name", name, "email", email, "password", PASSWORD, "adult", true, "acceptedPolicyVersion", POLICY_VERSION)));
        if (signUp.status() != 201) {
            throw new IllegalStateException(signUp.body());
        }
        Mails.followVerificationLink(MAIL, email, client);
        return client.withToken(client.createToken(email, PASSWORD)).withEmail(email);
    }
}
