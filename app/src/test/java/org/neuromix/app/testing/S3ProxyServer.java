package org.neuromix.app.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3-compatible server (S3Proxy with its file-system back end) as its own process on a free
 * loopback port, with one bucket. Maven copies its jar to target/s3proxy before the tests.
 */
public final class S3ProxyServer implements AutoCloseable {
    public static final String ACCESS_KEY = "neuromix-test";
    public static final String SECRET_KEY = "neuromix-test-secret";
    private static final Path JAR = Path.of("target/s3proxy/s3proxy.jar");

    private final Process process;
    private final Path folder;
    private final URI endpoint;
    private final String bucket;

    private S3ProxyServer(Process process, Path folder, URI endpoint, String bucket) {
        this.process = process;
        this.folder = folder;
        this.endpoint = endpoint;
        this.bucket = bucket;
    }

    public static S3ProxyServer start(String bucket) throws IOException, InterruptedException {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: run the tests through Maven, which copies it");
        }
        Path folder = Files.createTempDirectory("neuromix-s3proxy-");
        Files.createDirectories(folder.resolve("data"));
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        Files.writeString(folder.resolve("s3proxy.conf"), String.join("\n",
                "s3proxy.endpoint=" + endpoint,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + ACCESS_KEY,
                "s3proxy.credential=" + SECRET_KEY,
                "jclouds.provider=filesystem",
                "jclouds.filesystem.basedir=" + folder.resolve("data"), ""));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-Xmx256m", "-jar", JAR.toAbsolutePath().toString(),
                "--properties", folder.resolve("s3proxy.conf").toString())
                .redirectErrorStream(true).redirectOutput(folder.resolve("s3proxy.log").toFile()).start();
        S3ProxyServer server = new S3ProxyServer(process, folder, endpoint, bucket);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            try (S3Client client = server.client()) {
                client.createBucket(b -> b.bucket(bucket));
                return server;
            } catch (RuntimeException notYet) {
                if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                    String log = Files.readString(folder.resolve("s3proxy.log"));
                    server.close();
                    throw new IllegalStateException("S3Proxy did not start: " + notYet.getMessage() + "\n" + log, notYet);
                }
                Thread.sleep(250);
            }
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    public String bucket() {
        return bucket;
    }

    /** A client with the server's credentials, for a test's own look into the bucket. */
    public S3Client client() {
        return S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1).forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
    }

    /** Every object in the bucket, sorted (without the folder markers S3Proxy's file-system back end lists). */
    public java.util.List<String> keys() {
        try (S3Client client = client()) {
            return client.listObjectsV2Paginator(l -> l.bucket(bucket)).contents().stream()
                    .map(software.amazon.awssdk.services.s3.model.S3Object::key).filter(k -> !k.endsWith("/")).sorted().toList();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            org.neuromix.app.storage.WorkFolders.deleteTree(folder);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException ignored) {
            // a temporary folder
        }
    }
}
