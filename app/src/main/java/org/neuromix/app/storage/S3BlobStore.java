package org.neuromix.app.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.LegacyMd5Plugin;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Session files in an S3-compatible bucket (AWS SDK v2). Objects are written whole (a PUT replaces
 * a key atomically, as the local store's rename does); a stream of unknown length is spooled to a
 * temporary file first, because S3 needs the length before the body.
 */
final class S3BlobStore implements BlobStore, AutoCloseable {
    private static final int DELETE_BATCH = 1000; // the most keys one DeleteObjects request takes

    private final S3Client s3;
    private final String bucket;

    private S3BlobStore(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    static S3BlobStore connect(S3Settings settings) {
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(settings.region()))
                .forcePathStyle(settings.pathStyle())
                // Checksums only where S3 requires them: many S3-compatible servers reject the
                // newer default (trailing checksums in aws-chunked bodies).
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                // DeleteObjects with Content-MD5, as S3-compatible servers other than AWS expect.
                .addPlugin(LegacyMd5Plugin.create());
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpoint());
        }
        S3Client client = builder.build();
        try {
            client.headBucket(b -> b.bucket(settings.bucket()));
        } catch (SdkException e) {
            client.close();
            throw new IllegalStateException("the bucket '" + settings.bucket() + "' cannot be reached"
                    + (settings.endpoint() == null ? "" : " at " + settings.endpoint()) + ": " + e.getMessage(), e);
        }
        return new S3BlobStore(client, settings.bucket());
    }

    @Override
    public long put(String key, InputStream content) throws IOException {
        Path spool = Files.createTempFile("neuromix-upload-", ".part");
        try {
            long size = Files.copy(content, spool, StandardCopyOption.REPLACE_EXISTING);
            upload(key, spool);
            return size;
        } finally {
            Files.deleteIfExists(spool);
        }
    }

    @Override
    public void putFile(String key, Path file) throws IOException {
        upload(key, file);
        Files.delete(file);
    }

    private void upload(String key, Path file) throws IOException {
        long sizeBytes = Files.size(file);
        try {
            s3.putObject(p -> p.bucket(bucket).key(key).contentLength(sizeBytes), RequestBody.fromFile(file));
        } catch (SdkException e) {
            throw new IOException("could not store " + SessionKeys.fileName(key) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public InputStream open(String key) throws IOException {
        return open(key, 0);
    }

    @Override
    public InputStream open(String key, long offsetBytes) throws IOException {
        try {
            ResponseInputStream<GetObjectResponse> body = s3.getObject(g -> {
                g.bucket(bucket).key(key);
                if (offsetBytes > 0) {
                    g.range("bytes=" + offsetBytes + "-");
                }
            });
            return new AbortingStream(body);
        } catch (NoSuchKeyException e) {
            throw new NoSuchFileException(key);
        } catch (SdkException e) {
            throw new IOException("could not read " + SessionKeys.fileName(key) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void copyTo(String key, Path target) throws IOException {
        Files.createDirectories(target.toAbsolutePath().getParent());
        try (InputStream in = open(key)) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public boolean exists(String key) {
        try {
            s3.headObject(h -> h.bucket(bucket).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public long size(String key) throws IOException {
        try {
            return s3.headObject(h -> h.bucket(bucket).key(key)).contentLength();
        } catch (NoSuchKeyException e) {
            throw new NoSuchFileException(key);
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw new NoSuchFileException(key);
            }
            throw new IOException("could not read " + SessionKeys.fileName(key) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        // Keys ending in "/" are folder markers some servers and consoles make, not files.
        return objects(prefix).stream().map(S3Object::key).filter(k -> !k.endsWith("/")).sorted().toList();
    }

    private List<S3Object> objects(String prefix) throws IOException {
        try {
            List<S3Object> found = new ArrayList<>();
            s3.listObjectsV2Paginator(l -> l.bucket(bucket).prefix(prefix + "/")).contents().forEach(found::add);
            return found;
        } catch (SdkException e) {
            throw new IOException("could not list the store: " + e.getMessage(), e);
        }
    }

    @Override
    public long deletePrefix(String prefix) throws IOException {
        List<S3Object> objects = new ArrayList<>(objects(prefix));
        if (exists(prefix)) { // a single key given as the prefix
            objects.add(S3Object.builder().key(prefix).size(size(prefix)).build());
        }
        // Files before the folder markers that hold them (servers with a file-system back end
        // refuse to remove a folder that still has files, and retry before they say so).
        objects.sort(java.util.Comparator.comparing(S3Object::key).reversed());
        long freed = 0;
        try {
            for (int from = 0; from < objects.size(); from += DELETE_BATCH) {
                List<S3Object> batch = objects.subList(from, Math.min(objects.size(), from + DELETE_BATCH));
                List<ObjectIdentifier> ids = batch.stream().map(o -> ObjectIdentifier.builder().key(o.key()).build()).toList();
                deleteBatch(batch, ids);
                for (S3Object o : batch) {
                    freed += o.size() == null || o.key().endsWith("/") ? 0 : o.size();
                }
            }
        } catch (SdkException e) {
            throw new IOException("could not delete from the store: " + e.getMessage(), e);
        }
        return freed;
    }

    private volatile boolean batchDeleteUnsupported;

    /** One DeleteObjects request; servers that do not implement it (501) get one DeleteObject per key. */
    private void deleteBatch(List<S3Object> batch, List<ObjectIdentifier> ids) {
        if (!batchDeleteUnsupported) {
            try {
                s3.deleteObjects(d -> d.bucket(bucket).delete(Delete.builder().objects(ids).quiet(true).build()));
                return;
            } catch (S3Exception e) {
                if (e.statusCode() != 501) {
                    throw e;
                }
                batchDeleteUnsupported = true;
            }
        }
        for (S3Object o : batch) {
            s3.deleteObject(d -> d.bucket(bucket).key(o.key()));
        }
    }

    @Override
    public void close() {
        s3.close();
    }

    /** Closing before the end aborts the connection instead of reading the rest of the object. */
    private static final class AbortingStream extends java.io.FilterInputStream {
        private final ResponseInputStream<GetObjectResponse> body;

        AbortingStream(ResponseInputStream<GetObjectResponse> body) {
            super(body);
            this.body = body;
        }

        @Override
        public void close() throws IOException {
            body.abort();
            body.close();
        }
    }
}
