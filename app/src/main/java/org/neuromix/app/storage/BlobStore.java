package org.neuromix.app.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Where session files live, by key ("sessions/{id}/originals/{file}"). Keys are made by the
 * service, never taken from a user.
 */
public interface BlobStore {
    /** Streams {@code content} to {@code key}, replacing it atomically; returns the bytes written. */
    long put(String key, InputStream content) throws IOException;

    /** Moves a local file in (cheap on the same disk). */
    void putFile(String key, Path file) throws IOException;

    InputStream open(String key) throws IOException;

    /** A local file to read, for FFmpeg; valid until the key is deleted. */
    Path localPath(String key) throws IOException;

    boolean exists(String key);

    /** The keys under {@code prefix} (recursively), sorted. */
    java.util.List<String> list(String prefix) throws IOException;

    /** A local folder holding the files under {@code prefix}, for the renderer. */
    Path localFolder(String prefix) throws IOException;

    long size(String key) throws IOException;

    /** Deletes every key under {@code prefix}; returns how many bytes were freed. Idempotent. */
    long deletePrefix(String prefix) throws IOException;
}
