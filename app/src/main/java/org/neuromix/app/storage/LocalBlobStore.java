package org.neuromix.app.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.atomic.AtomicLong;


/** The embedded default: files under {@code <data-dir>/files}. */
class LocalBlobStore implements BlobStore {
    private final Path root;

    LocalBlobStore(StorageSettings settings) {
        this.root = settings.files().toAbsolutePath().normalize();
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the file store " + root, e);
        }
    }

    private Path file(String key) {
        Path file = root.resolve(key).normalize();
        if (!file.startsWith(root) || file.equals(root)) {
            throw new IllegalArgumentException("bad storage key");
        }
        return file;
    }

    @Override
    public long put(String key, InputStream content) throws IOException {
        Path target = file(key);
        Files.createDirectories(target.getParent());
        Path temp = Files.createTempFile(target.getParent(), ".upload-", ".part");
        try {
            long written = Files.copy(content, temp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return written;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Override
    public void putFile(String key, Path file) throws IOException {
        Path target = file(key);
        Files.createDirectories(target.getParent());
        try {
            Files.move(file, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException sameDiskFailed) {
            try (InputStream in = Files.newInputStream(file)) {
                put(key, in);
            }
            Files.deleteIfExists(file);
        }
    }

    @Override
    public InputStream open(String key) throws IOException {
        return Files.newInputStream(file(key));
    }

    @Override
    public InputStream open(String key, long offsetBytes) throws IOException {
        java.nio.channels.SeekableByteChannel channel = Files.newByteChannel(file(key));
        channel.position(offsetBytes);
        return java.nio.channels.Channels.newInputStream(channel);
    }

    @Override
    public void copyTo(String key, Path target) throws IOException {
        Path source = file(key);
        if (!Files.isRegularFile(source)) {
            throw new NoSuchFileException(key);
        }
        Files.createDirectories(target.toAbsolutePath().getParent());
        Files.deleteIfExists(target);
        try {
            Files.createLink(target, source); // same disk: no bytes copied; the store's file stays untouched
        } catch (IOException | UnsupportedOperationException otherDisk) {
            Files.copy(source, target);
        }
    }

    @Override
    public boolean exists(String key) {
        return Files.isRegularFile(file(key));
    }

    @Override
    public java.util.List<String> list(String prefix) throws IOException {
        Path start = file(prefix);
        if (!Files.isDirectory(start)) {
            return java.util.List.of();
        }
        try (var files = Files.walk(start)) {
            return files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith("."))
                    .map(f -> root.relativize(f).toString().replace('\\', '/')).sorted().toList();
        }
    }

    @Override
    public long size(String key) throws IOException {
        return Files.size(file(key));
    }

    @Override
    public long deletePrefix(String prefix) throws IOException {
        Path start = file(prefix);
        if (!Files.exists(start)) {
            return 0;
        }
        AtomicLong freed = new AtomicLong();
        Files.walkFileTree(start, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                freed.addAndGet(attrs.size());
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE; // another node deleted it first
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                try {
                    Files.deleteIfExists(dir);
                } catch (java.nio.file.DirectoryNotEmptyException raced) {
                    // a file arrived meanwhile: leave the folder
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return freed.get();
    }
}
