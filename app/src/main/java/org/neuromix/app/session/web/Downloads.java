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
import org.neuromix.engine.daw.ReaperExport;
import org.neuromix.engine.plan.MixPlan;
import org.neuromix.engine.plan.MixPlanException;
import org.neuromix.engine.plan.MixPlanJson;
import org.neuromix.engine.render.RenderException;
import org.neuromix.engine.render.RevisionPlans;
import org.neuromix.engine.io.AudioEncoding;
import org.neuromix.engine.io.AudioFileException;
import org.neuromix.engine.io.AudioReader;
import org.neuromix.engine.io.AudioWriter;
import org.neuromix.engine.loudness.FileLoudnessAnalyzer;
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
    private final org.neuromix.app.session.Sessions sessions;

    Downloads(BlobStore store, WorkFolders workFolders, org.neuromix.app.session.Sessions sessions) {
        this.store = store;
        this.workFolders = workFolders;
        this.sessions = sessions;
    }

    /** A download's encoding: what {@code format} asks for, its file extension and media type. */
    private record Export(String variant, AudioEncoding encoding, String extension, MediaType type) {
        static Export of(String format) {
            return switch (format == null ? "24" : format) {
                case "24" -> new Export("24", AudioEncoding.WAV_PCM_24, "wav", WAV);
                case "16" -> new Export("16", AudioEncoding.WAV_PCM_16, "wav", WAV);
                case "32", "float" -> new Export("32f", AudioEncoding.WAV_FLOAT_32, "wav", WAV);
                case "flac" -> new Export("flac", AudioEncoding.FLAC_24, "flac", MediaType.parseMediaType("audio/flac"));
                case "mp3" -> new Export("mp3", AudioEncoding.MP3_320K, "mp3", MediaType.parseMediaType("audio/mpeg"));
                default -> throw new InvalidInputException("format", "format must be 24, 16, 32 (float WAV), flac or mp3, was '"
                        + (format.length() > 20 ? format.substring(0, 20) + "…" : format) + "'");
            };
        }
    }

    /** The sample rates a download may have besides the rendered one. */
    static final List<Integer> EXPORT_RATES_HZ = List.of(44_100, 48_000, 88_200, 96_000);

    /**
     * The mix of a revision. {@code format}: 24 (WAV as rendered), 16 (TPDF-dithered WAV), 32/float
     * (WAV), flac (24-bit) or mp3 (320 kbit/s); {@code rate}: "source" (the rate the stems came
     * at), one of {@link #EXPORT_RATES_HZ}, or null for the rendered rate. Other versions than the
     * rendered file are made once from it and kept beside it (and expire with it); a conversion
     * never raises the true peak above the rendered file's (lossy encoding and resampling can).
     */
    ResponseEntity<Resource> mix(MixSession session, int revision, String format, String rate, int sourceRateHz,
                                 boolean attachment) throws IOException {
        requireOutput(session);
        Export export = Export.of(format);
        int renderedRateHz = org.neuromix.app.session.SessionFile.WORKING_RATE_HZ;
        int rateHz = rate == null || rate.isBlank() ? renderedRateHz : rate.equals("source") ? sourceRateHz : parseRate(rate);
        if (export.encoding() == AudioEncoding.MP3_320K && rateHz > 48_000) {
            throw new InvalidInputException("rate", "MP3 goes up to 48 kHz; this would be " + rateHz + " Hz: choose 44100 or"
                    + " 48000, or FLAC or WAV for higher rates");
        }
        String key = SessionKeys.mix(session.id(), revision);
        String variant = export.variant().equals("24") && rateHz == renderedRateHz ? key
                : SessionKeys.mixVariant(session.id(), revision, export.variant() + (rateHz == renderedRateHz ? "" : "-" + rateHz),
                        export.extension());
        if (!store.exists(variant)) {
            convert(session, key, variant, export.encoding(), rateHz);
        }
        String name = safeName(session.name()) + "-r" + revision + (export.variant().equals("24") ? "" : "-" + export.variant())
                + (rateHz == renderedRateHz ? "" : "-" + rateHz + "Hz") + "." + export.extension();
        return file(new BlobResource(store, variant, name), export.type(), name, attachment);
    }

    private static int parseRate(String rate) {
        try {
            int hz = Integer.parseInt(rate.trim());
            if (EXPORT_RATES_HZ.contains(hz)) {
                return hz;
            }
        } catch (NumberFormatException notANumber) {
            // refused below
        }
        throw new InvalidInputException("rate", "rate must be source or one of " + EXPORT_RATES_HZ + " (Hz), was '"
                + (rate.length() > 20 ? rate.substring(0, 20) + "…" : rate) + "'");
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

    /** The stems the splitter separated from a one-file stereo upload, unprocessed, zipped; 404 for a multitrack. */
    ResponseEntity<StreamingResponseBody> separated(MixSession session) throws IOException {
        requireOutput(session);
        List<String> keys = store.list(SessionKeys.separated(session.id()));
        if (keys.isEmpty()) {
            throw new org.neuromix.app.system.NotFoundException("separated stems (this session's stems were uploaded, not separated)");
        }
        StreamingResponseBody body = out -> zip(keys, out);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/zip"))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(safeName(session.name()) + "-separated-stems.zip", java.nio.charset.StandardCharsets.UTF_8)
                        .build().toString())
                .body(body);
    }

    /** REAPER sessions made at once on this node: each is a whole render. */
    private final java.util.concurrent.Semaphore reaperSlots = new java.util.concurrent.Semaphore(1);

    /**
     * The revision as a REAPER session, zipped: {@code NAME-rN/NAME-rN.rpp} and {@code audio/} with
     * every processed track (before its fader and pan, which the project sets) and the reverb
     * return ({@link ReaperExport}). Made from the kept sources when first asked for (one render),
     * then kept beside the revision's mix, expiring with it.
     */
    ResponseEntity<Resource> reaper(MixSession session, org.neuromix.app.session.Revision revision) throws IOException {
        requireOutput(session);
        String key = SessionKeys.reaper(session.id(), revision.number());
        String title = safeName(session.name()) + "-r" + revision.number();
        if (!store.exists(key)) {
            reaperSlots.acquireUninterruptibly();
            Path folder = workFolders.scratch("downloads");
            Path work = Files.createTempDirectory(folder, "reaper-");
            try {
                if (!store.exists(key)) {
                    Path sources = Files.createDirectories(work.resolve("sources"));
                    for (String source : store.list(SessionKeys.sources(session.id()))) {
                        store.copyTo(source, sources.resolve(SessionKeys.fileName(source)));
                    }
                    MixPlan base = MixPlanJson.read(sessions.revision(session.id(), 1).orElseThrow().planJson());
                    MixPlan described = MixPlanJson.read(revision.planJson());
                    MixPlan rendered = RevisionPlans.renderable(base, described);
                    Path project = work.resolve("session").resolve(title);
                    ReaperExport.export(rendered, described, sources, project, Files.createDirectories(work.resolve("render")), title,
                            Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
                    Path zip = work.resolve("reaper.zip");
                    zipFolder(work.resolve("session"), zip);
                    store.putFile(key, zip);
                    dropIfPurged(session, key);
                }
            } catch (AudioFileException | MixPlanException | RenderException e) {
                throw new IOException("could not make the REAPER session: " + e.getMessage(), e);
            } finally {
                reaperSlots.release();
                WorkFolders.deleteTree(work);
            }
        }
        return file(new BlobResource(store, key, title + "-reaper.zip"), MediaType.parseMediaType("application/zip"),
                title + "-reaper.zip", true);
    }

    /** Every file under {@code folder}, by its path inside it. */
    private static void zipFolder(Path folder, Path zipFile) throws IOException {
        List<Path> files;
        try (var walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(zipFile))) {
            zip.setLevel(1);
            for (Path file : files) {
                zip.putNextEntry(new ZipEntry(folder.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, zip);
                zip.closeEntry();
            }
        }
    }

    /** How long a preview excerpt is: every track of a song decoded in a browser tab stays small (12 MB a track). */
    static final int PREVIEW_SECONDS = 30;
    /** Preview excerpts made at once on this node; the page asks for every track together. */
    private final java.util.concurrent.Semaphore previewSlots = new java.util.concurrent.Semaphore(2);

    /**
     * {@value #PREVIEW_SECONDS} s of one track's revision source (its signal after the first render's
     * gate and EQ) from {@code fromSeconds}, as Ogg Opus at 160 kbit/s, for the page's live preview.
     * Made from the kept source when first asked for; 404 for a track that has none (muted at the
     * first render).
     */
    ResponseEntity<Resource> preview(MixSession session, int trackIndex, int fromSeconds) throws IOException {
        requireOutput(session);
        if (trackIndex < 0 || trackIndex > 999) {
            throw new InvalidInputException("track", "track must be a track's number in the plan, from 0");
        }
        if (fromSeconds < 0 || fromSeconds > 24 * 3600) {
            throw new InvalidInputException("from", "from must be a whole number of seconds from the start, 0 or more");
        }
        String source = SessionKeys.sources(session.id()) + "/" + org.neuromix.engine.render.RevisionPlans.sourceName(trackIndex);
        if (!store.exists(source)) {
            throw new org.neuromix.app.system.NotFoundException("track source (the track was muted at the first render)");
        }
        String key = SessionKeys.preview(session.id(), trackIndex, fromSeconds);
        if (!store.exists(key)) {
            previewSlots.acquireUninterruptibly();
            Path folder = workFolders.scratch("downloads");
            Path copy = null;
            Path temp = null;
            try {
                copy = Files.createTempFile(folder, "source-", ".wav");
                temp = Files.createTempFile(folder, "preview-", ".opus");
                store.copyTo(source, copy);
                excerpt(copy, temp, fromSeconds, PREVIEW_SECONDS);
                store.putFile(key, temp);
                dropIfPurged(session, key);
            } catch (AudioFileException e) {
                throw new IOException("could not make the preview: " + e.getMessage(), e);
            } finally {
                previewSlots.release();
                if (temp != null) {
                    Files.deleteIfExists(temp);
                }
                if (copy != null) {
                    Files.deleteIfExists(copy);
                }
            }
        }
        return file(new BlobResource(store, key, "track-" + trackIndex + ".opus"), MediaType.parseMediaType("audio/ogg"),
                "track-" + trackIndex + ".opus", false);
    }

    /** Whether the session has separated stems to download. */
    boolean hasSeparated(MixSession session) throws IOException {
        return session.outputAvailable() && !store.list(SessionKeys.separated(session.id())).isEmpty();
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

    /**
     * Converts in this node's scratch folder; two nodes converting at once store the same bytes.
     * When resampling or lossy encoding lifted the true peak over the rendered file's, the
     * conversion is made again that much quieter, so the platform ceiling the mix was made for holds.
     */
    private void convert(MixSession session, String sourceKey, String key, AudioEncoding encoding, int rateHz) throws IOException {
        Path folder = workFolders.scratch("downloads");
        Path source = Files.createTempFile(folder, "mix-", ".wav");
        Path temp = null;
        try {
            temp = Files.createTempFile(folder, "convert-", "." + encoding.extension());
            store.copyTo(sourceKey, source);
            write(source, temp, encoding, rateHz, 1);
            boolean exactCopy = rateHz == org.neuromix.app.session.SessionFile.WORKING_RATE_HZ && encoding.bitsPerSample() > 0;
            if (!exactCopy) {
                double ceiling = FileLoudnessAnalyzer.analyze(source).measurement().truePeakDbtp();
                double peak = FileLoudnessAnalyzer.analyze(temp).measurement().truePeakDbtp();
                if (peak > ceiling + PEAK_TOLERANCE_DB) {
                    write(source, temp, encoding, rateHz, Math.pow(10, -(peak - ceiling + PEAK_TOLERANCE_DB) / 20));
                }
            }
            store.putFile(key, temp);
            dropIfPurged(session, key);
        } catch (AudioFileException e) {
            throw new IOException("could not convert the mix: " + e.getMessage(), e);
        } finally {
            if (temp != null) {
                Files.deleteIfExists(temp);
            }
            Files.deleteIfExists(source);
        }
    }

    /** {@code seconds} of {@code source} from {@code fromSeconds} as Ogg Opus; empty past the end. */
    private static void excerpt(Path source, Path target, int fromSeconds, int seconds) throws AudioFileException, IOException {
        try (AudioReader reader = AudioReader.open(source);
             AudioWriter writer = AudioWriter.create(target, AudioEncoding.OPUS, reader.sampleRate(), reader.channels())) {
            AudioBuffer block = new AudioBuffer(reader.channels(), 8192);
            long skip = (long) fromSeconds * reader.sampleRate();
            long keep = (long) seconds * reader.sampleRate();
            for (int n; keep > 0 && (n = reader.read(block)) > 0; ) {
                int start = (int) Math.min(n, skip);
                skip -= start;
                int count = (int) Math.min(n - start, keep);
                if (count > 0) {
                    writer.write(block, start, count);
                    keep -= count;
                }
            }
            writer.finish();
        }
    }

    /**
     * A file made from the output while retention or the owner deleted it is deleted too, so that
     * nothing of the session outlives its period (a conversion takes a moment).
     */
    private void dropIfPurged(MixSession session, String key) throws IOException {
        boolean gone = sessions.byId(session.id()).map(current -> current.outputDeletedAt() != null).orElse(true);
        if (gone) {
            store.deletePrefix(key);
        }
    }

    /** How far a converted file's true peak may exceed the rendered one's (measurement rounding). */
    private static final double PEAK_TOLERANCE_DB = 0.05;

    private static void write(Path source, Path target, AudioEncoding encoding, int rateHz, double gain)
            throws AudioFileException, IOException {
        try (AudioReader reader = AudioReader.open(source, rateHz);
             AudioWriter writer = AudioWriter.create(target, encoding, rateHz, reader.channels())) {
            AudioBuffer block = new AudioBuffer(reader.channels(), 8192);
            for (int n; (n = reader.read(block)) > 0; ) {
                if (gain != 1) {
                    for (int c = 0; c < block.channels(); c++) {
                        float[] samples = block.channel(c);
                        for (int i = 0; i < n; i++) {
                            samples[i] *= (float) gain;
                        }
                    }
                }
                writer.write(block, 0, n);
            }
            writer.finish();
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
