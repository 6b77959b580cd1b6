package org.neuromix.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Mixer issue, defect 6: links in emails pointed to port 8080 whatever --port was. Without a
 * configured address they point to this process (RetentionServeIT checks a real email).
 */
class ServeBaseUrlTest {
    @Test
    void thePortGivenAndHttpsWithACertificate() {
        assertEquals("http://localhost:9090", ServeCommand.localBaseUrl(9090, List.of()));
        assertEquals("http://localhost:7000", ServeCommand.localBaseUrl(9090, List.of("--server.port=7000")));
        assertEquals("https://localhost:8443", ServeCommand.localBaseUrl(8443,
                List.of("--server.ssl.certificate=cert.pem", "--server.ssl.certificate-private-key=key.pem")));
    }
}
