package org.neuromix.app.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.neuromix.app.testing.S3ProxyServer;
import org.springframework.core.io.Resource;

/** Both stores keep the one contract: the local disk (embedded default) and a real S3-compatible server. */
class BlobStoreContractTest {
    private static S3ProxyServer s3;
    private static LocalBlobStore local;
    private static S3BlobStore bucket;

    @TempDir
    static Path data;

    @TempDir
    Path work;

    @BeforeAll
    static void startStores() throws Exception {
        s3 = S3ProxyServer.start("contract");
        System.setProperty("aws.accessKeyId", S3ProxyServer.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", S3ProxyServer.SECRET_KEY);
        bucket = S3BlobStore.connect(new S3Settings(s3.endpoint(), "contract", "us-east-1", true));
        local = new LocalBlobStore(new StorageSettings(data));
    }

    @AfterAll
    static void stopStores() {
        if (bucket != null) {
            bucket.close();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    static Stream<String> stores() {
        return Stream.of("local", "s3");
    }

    private static BlobStore store(String name) {
        return name.equals("local") ? local : bucket;
    }

    private static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    @ParameterizedTest
    @MethodSource("stores")
    void putOpenRangeCopyListAndDelete(String name) throws Exception {
        BlobStore store = store(name);
        String session = "a1b2c3-" + name;
        byte[] mix = bytes(300_000, 1);
        assertEquals(mix.length, store.put(SessionKeys.mix(session, 1), new ByteArrayInputStream(mix)));
        Path stem = Files.write(work.resolve("bass.wav"), bytes(1000, 2));
        store.putFile(SessionKeys.stems(session, 1) + "/bass.wav", stem);
        assertFalse(Files.exists(stem), "putFile moves the file in");
        store.put(SessionKeys.original(session, "f1"), new ByteArrayInputStream(bytes(10, 3)));

        assertTrue(store.exists(SessionKeys.mix(session, 1)));
        assertFalse(store.exists(SessionKeys.mix(session, 2)));
        assertEquals(mix.length, store.size(SessionKeys.mix(session, 1)));
        try (InputStream in = store.open(SessionKeys.mix(session, 1))) {
            assertArrayEquals(mix, in.readAllBytes());
        }
        try (InputStream in = store.open(SessionKeys.mix(session, 1), 123_456)) {
            assertArrayEquals(java.util.Arrays.copyOfRange(mix, 123_456, mix.length), in.readAllBytes());
        }
        // A download's range: skipping before the first read is a ranged read, and returns the right bytes.
        Resource resource = new BlobResource(store, SessionKeys.mix(session, 1), "mix.wav");
        assertEquals(mix.length, resource.contentLength());
        try (InputStream in = resource.getInputStream()) {
            assertEquals(200_000, in.skip(200_000));
            assertArrayEquals(java.util.Arrays.copyOfRange(mix, 200_000, 200_100), in.readNBytes(100));
        }
        Path copy = work.resolve("copies/mix.wav");
        store.copyTo(SessionKeys.mix(session, 1), copy);
        assertArrayEquals(mix, Files.readAllBytes(copy));
        Files.delete(copy);
        assertTrue(store.exists(SessionKeys.mix(session, 1)), "deleting a working copy leaves the stored file");

        assertEquals(List.of(SessionKeys.mix(session, 1), SessionKeys.stems(session, 1) + "/bass.wav"),
                store.list(SessionKeys.output(session)));
        assertEquals(List.of(), store.list(SessionKeys.output("nothing-here")));

        assertEquals(10, store.deletePrefix(SessionKeys.originals(session)));
        assertEquals(List.of(), store.list(SessionKeys.originals(session)));
        assertEquals(mix.length + 1000, store.deletePrefix(SessionKeys.session(session)));
        assertEquals(0, store.deletePrefix(SessionKeys.session(session)), "deleting twice is harmless");
        assertFalse(store.exists(SessionKeys.mix(session, 1)));
    }

    @ParameterizedTest
    @MethodSource("stores")
    void aMissingKeyIsNoSuchFile(String name) {
        BlobStore store = store(name);
        assertThrows(NoSuchFileException.class, () -> store.size(SessionKeys.sum("missing")));
        assertThrows(NoSuchFileException.class, () -> store.open(SessionKeys.sum("missing")).close());
        assertThrows(NoSuchFileException.class, () -> store.copyTo(SessionKeys.sum("missing"), work.resolve("x.wav")));
    }

    @ParameterizedTest
    @MethodSource("stores")
    void aPutReplacesTheWholeFile(String name) throws Exception {
        BlobStore store = store(name);
        String key = SessionKeys.sum("replace-" + name);
        store.put(key, new ByteArrayInputStream(bytes(5000, 4)));
        byte[] shorter = bytes(10, 5);
        store.put(key, new ByteArrayInputStream(shorter));
        try (InputStream in = store.open(key)) {
            assertArrayEquals(shorter, in.readAllBytes());
        }
        store.deletePrefix(SessionKeys.session("replace-" + name));
    }

    @org.junit.jupiter.api.Test
    void keysAreMadeOnlyFromIds() {
        assertThrows(IllegalArgumentException.class, () -> SessionKeys.session("../etc"));
        assertThrows(IllegalArgumentException.class, () -> SessionKeys.original("abc", "x/y"));
        assertThrows(IllegalArgumentException.class, () -> new S3Settings(null, "Not_A_Bucket", "us-east-1", false));
        assertThrows(IllegalArgumentException.class, () -> new S3Settings(java.net.URI.create("ftp://x"), "b-1", "us-east-1", false));
    }
}

