package org.neuromix.app.session.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.neuromix.app.session.MixSession;
import org.neuromix.app.storage.BlobResource;
import org.neuromix.app.storage.BlobStore;
import org.neuromix.app.storage.SessionKeys;
import org.neuromix.app.storage.WorkFolders;
import org.neuromix.app.system.InvalidInputException;
import org.neuromix.engine.audio.AudioBuffer;
import org.neuromix.engine.io.AudioEncoding;
import org.neuromix.engine.io.AudioFileException;
import org.neuromix.engine.io.AudioReader;
import org.neuromix.engine.io.AudioWriter;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** The session's audio files, for the API and the pages (Range requests work for the player). */
@Component
class Downloads {
    private static final MediaType WAV = MediaType.parseMediaType("audio/wav");
    private final BlobStore store;
    private final WorkFolders workFolders;

    Downloads(BlobStore store, WorkFolders workFolders) {
        this.store = store;
        this.workFolders = workFolders;
    }

    /**
     * The mix of a revision. {@code format}: 24 (as rendered), 16 (TPDF-dithered) or 32/float;
     * other formats are made once from the 24-bit file and kept beside it (and expire with it).
     */
    ResponseEntity<Resource> mix(MixSession session, int revision, String format, boolean attachment) throws IOException {
        requireOutput(session);
        String key = SessionKeys.mix(session.id(), revision);
        String variant = switch (format) {
            case "24" -> key;
            case "16" -> SessionKeys.mixVariant(session.id(), revision, "16");
            case "32", "float" -> SessionKeys.mixVariant(session.id(), revision, "32f");
            default -> throw new InvalidInputException("format", "format must be 24, 16 or 32 (float), was '" + format + "'");
        };
        if (!store.exists(variant)) {
            convert(key, variant, format.equals("16") ? AudioEncoding.WAV_PCM_16 : AudioEncoding.WAV_FLOAT_32);
        }
        String name = safeName(session.name()) + "-r" + revision + (format.equals("24") ? "" : "-" + format) + ".wav";
        return file(new BlobResource(store, variant, name), WAV, name, attachment);
    }

    ResponseEntity<Resource> sum(MixSession session) throws IOException {
        requireOutput(session);
        return file(new BlobResource(store, SessionKeys.sum(session.id()), "unprocessed-sum.wav"), WAV, "unprocessed-sum.wav",
                false);
    }

    ResponseEntity<StreamingResponseBody> stems(MixSession session, int revision) throws IOException {
        requireOutput(session);
        List<String> keys = store.list(SessionKeys.stems(session.id(), revision));
        StreamingResponseBody body = out -> zip(keys, out);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/zip"))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(safeName(session.name()) + "-r" + revision + "-stems.zip", java.nio.charset.StandardCharsets.UTF_8)
                        .build().toString())
                .body(body);
    }

    private void zip(List<String> keys, OutputStream out) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.setLevel(1); // audio does not compress much; keep it fast
            for (String key : keys) {
                zip.putNextEntry(new ZipEntry(SessionKeys.fileName(key)));
                try (InputStream in = store.open(key)) {
                    in.transferTo(zip);
                }
                zip.closeEntry();
            }
        }
    }

    /** Converts in this node's scratch folder; two nodes converting at once store the same bytes. */
    private void convert(String sourceKey, String key, AudioEncoding encoding) throws IOException {
        Path folder = workFolders.scratch("downloads");
        Path source = Files.createTempFile(folder, "mix-", ".wav");
        Path temp = Files.createTempFile(folder, "convert-", ".wav");
        store.copyTo(sourceKey, source);
        try (AudioReader reader = AudioReader.open(source);
             AudioWriter writer = AudioWriter.create(temp, encoding, reader.sampleRate(), reader.channels())) {
            AudioBuffer block = new AudioBuffer(reader.channels(), 8192);
            for (int n; (n = reader.read(block)) > 0; ) {
                writer.write(block, 0, n);
            }
            writer.finish();
            store.putFile(key, temp);
        } catch (AudioFileException e) {
            throw new IOException("could not convert the mix: " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(temp);
            Files.deleteIfExists(source);
        }
    }

    static void requireOutput(MixSession session) {
        if (session.completedAt() == null) {
            throw new InvalidInputException("status", "the mix is not ready yet", 409);
        }
        if (session.outputDeletedAt() != null) {
            throw new InvalidInputException("status", "the audio of this session expired on " + session.outputExpiresAt()
                    + " and was deleted (plans and reports are kept)", 410);
        }
    }

    static ResponseEntity<Resource> file(Resource body, MediaType type, String name, boolean attachment) {
        ContentDisposition disposition = (attachment ? ContentDisposition.attachment() : ContentDisposition.inline())
                .filename(name, java.nio.charset.StandardCharsets.UTF_8).build();
        return ResponseEntity.ok().contentType(type).header(HttpHeaders.CONTENT_DISPOSITION, disposition.toString())
                .body(body);
    }

    static String safeName(String name) {
        String safe = name.replaceAll("[^\\p{L}\\p{N} ._-]", "_").strip();
        return safe.isEmpty() ? "mix" : safe.length() > 80 ? safe.substring(0, 80) : safe;
    }
}
