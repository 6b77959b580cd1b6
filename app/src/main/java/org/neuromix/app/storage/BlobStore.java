package org.neuromix.app.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Where session files live, by key (see {@link SessionKeys}; keys are made by the service, never
 * taken from a user). The contract is streams only, so that any node can reach any file: the
 * embedded default keeps them on the local disk ({@code LocalBlobStore}), a cluster in an
 * S3-compatible bucket ({@code S3BlobStore}). The engine never reads the store directly: a job
 * takes local working copies into its work folder ({@link #copyTo}).
 */
public interface BlobStore {
    /** Streams {@code content} to {@code key}, replacing it atomically; returns the bytes written. */
    long put(String key, InputStream content) throws IOException;

    /** Moves a local file in: afterwards the file is gone from its folder. */
    void putFile(String key, Path file) throws IOException;

    InputStream open(String key) throws IOException;

    /** The bytes from {@code offsetBytes} to the end (for ranged reads: the player seeks). */
    InputStream open(String key, long offsetBytes) throws IOException;

    /**
     * A local working copy of {@code key} at {@code target} (a path in a job's work folder), which the
     * caller deletes; on the local disk a hard link, so no bytes are copied.
     */
    void copyTo(String key, Path target) throws IOException;

    boolean exists(String key);

    long size(String key) throws IOException;

    /** The keys under {@code prefix} (recursively), sorted. */
    List<String> list(String prefix) throws IOException;

    /** Deletes every key under {@code prefix}; returns how many bytes were freed. Idempotent. */
    long deletePrefix(String prefix) throws IOException;
}
