package org.neuromix.app.storage;

import java.io.IOException;
import java.io.InputStream;

import org.springframework.core.io.AbstractResource;

/**
 * A stored file as a Spring {@link org.springframework.core.io.Resource}, so that downloads stream
 * from the store and Range requests work. Spring serves a range by skipping to its start: the
 * stream opens lazily, so a skip before the first read becomes a ranged read from the store
 * instead of reading (and discarding) everything before it.
 */
public final class BlobResource extends AbstractResource {
    private final BlobStore store;
    private final String key;
    private final String fileName;
    private final long sizeBytes;

    public BlobResource(BlobStore store, String key, String fileName) throws IOException {
        this.store = store;
        this.key = key;
        this.fileName = fileName;
        this.sizeBytes = store.size(key);
    }

    @Override
    public String getDescription() {
        return "stored file " + fileName;
    }

    @Override
    public String getFilename() {
        return fileName;
    }

    @Override
    public long contentLength() {
        return sizeBytes;
    }

    @Override
    public boolean exists() {
        return true;
    }

    @Override
    public InputStream getInputStream() {
        return new LazyStream();
    }

    private final class LazyStream extends InputStream {
        private InputStream opened;
        private long offsetBytes;

        private InputStream stream() throws IOException {
            if (opened == null) {
                opened = offsetBytes == 0 ? store.open(key) : store.open(key, offsetBytes);
            }
            return opened;
        }

        @Override
        public long skip(long n) throws IOException {
            if (opened == null && n > 0) {
                long skipped = Math.min(n, Math.max(0, sizeBytes - offsetBytes));
                offsetBytes += skipped;
                return skipped;
            }
            return stream().skip(n);
        }

        @Override
        public int read() throws IOException {
            return stream().read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            return stream().read(buffer, offset, length);
        }

        @Override
        public void close() throws IOException {
            if (opened != null) {
                opened.close();
            }
        }
    }
}
