package org.neuromix.app.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.stream.Stream;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;

import org.neuromix.app.privacy.RetentionSettings;
import org.neuromix.app.report.MixMeasurements;
import org.neuromix.app.report.MixReport;
import org.neuromix.app.session.MixSession;
import org.neuromix.app.session.Revision;
import org.neuromix.app.session.RevisionCompleted;
import org.neuromix.app.session.RevisionFailed;
import org.neuromix.app.session.RevisionStatus;
import org.neuromix.app.session.SessionFile;
import org.neuromix.app.session.SessionOptions;
import org.neuromix.app.session.Sessions;
import org.neuromix.app.storage.BlobStore;
import org.neuromix.app.storage.SessionKeys;
import org.neuromix.app.storage.StorageSettings;
import org.neuromix.app.storage.WorkFolders;
import org.neuromix.engine.analysis.StemAnalysis;
import org.neuromix.engine.audio.AudioBuffer;
import org.neuromix.engine.io.AudioEncoding;
import org.neuromix.engine.io.AudioFileException;
import org.neuromix.engine.io.AudioReader;
import org.neuromix.engine.io.AudioWriter;
import org.neuromix.engine.loudness.LoudnessMeasurement;
import org.neuromix.engine.plan.MixPlan;
import org.neuromix.engine.plan.MixPlanException;
import org.neuromix.engine.plan.MixPlanJson;
import org.neuromix.engine.plan.MixPlans;
import org.neuromix.engine.planner.Planner;
import org.neuromix.engine.planner.ReferenceMatch;
import org.neuromix.engine.planner.RoleDecision;
import org.neuromix.engine.render.RenderException;
import org.neuromix.engine.render.RenderResult;
import org.neuromix.engine.render.Renderer;
import org.neuromix.engine.render.RevisionPlans;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The work of one job, in stages that each persist their result, so that a job interrupted by a
 * crash resumes where it stopped: prepare (decode + resample every upload to a 48 kHz float
 * working copy) → analyse and plan (the AI; the plan is saved) → render (mix, loudness-matched
 * unprocessed sum for A/B, processed stems, revision sources; saved to the store) → measure (the
 * report; the session completes, and {@link RevisionCompleted} lets the privacy feature delete
 * the originals). A revision runs render and measure only, from the revision sources. The stages
 * read the store through local working copies in the job's work folder, which is node-local and
 * disposable: a job resumed on another node starts from the store and the database.
 */
@Component
public class MixStages {
    /** In a session's work folder: its stems were separated from one stereo upload. */
    static final String SEPARATED_MARKER = ".separated";
    private static final Logger log = LoggerFactory.getLogger(MixStages.class);
    public static final int WORKING_RATE_HZ = SessionFile.WORKING_RATE_HZ;

    private final Sessions sessions;
    private final BlobStore store;
    private final StorageSettings storage;
    private final RetentionSettings retention;
    private final Clock clock;
    private final JsonMapper json;
    private final Semaphore renderSlots;
    private final int renderThreads;
    private final DistributionSummary realTimeFactor;

    private final WorkFolders workFolders;
    private final ApplicationEventPublisher events;
    private final org.springframework.beans.factory.ObjectProvider<StemSplitter> splitters;
    private final org.springframework.transaction.support.TransactionTemplate transactions;
    private final int maxAttempts;

    MixStages(Sessions sessions, BlobStore store, StorageSettings storage, RetentionSettings retention, PipelineSettings settings,
              Clock clock, JsonMapper json, MeterRegistry meters, WorkFolders workFolders, ApplicationEventPublisher events,
              org.springframework.transaction.support.TransactionTemplate transactions,
              org.springframework.beans.factory.ObjectProvider<StemSplitter> splitters) {
        this.splitters = splitters;
        this.workFolders = workFolders;
        this.events = events;
        this.transactions = transactions;
        this.maxAttempts = settings.maxAttempts();
        this.sessions = sessions;
        this.store = store;
        this.storage = storage;
        this.retention = retention;
        this.clock = clock;
        this.json = json;
        this.renderSlots = new Semaphore(settings.renders(), true);
        this.renderThreads = Math.max(1, Runtime.getRuntime().availableProcessors() / settings.renders());
        this.realTimeFactor = DistributionSummary.builder("neuromix.render.realtime.factor")
                .description("seconds of mix rendered per second of work").register(meters);
    }

    /** Runs (or resumes) the job; returns normally when done or failed for good. */
    void run(String sessionId, int number, int earlierFailures) throws IOException {
        MixSession session = sessions.byId(sessionId).orElse(null);
        if (session == null) {
            discardLeftovers(sessionId); // deleted while queued or running
            return;
        }
        Revision revision = sessions.revision(sessionId, number).orElse(null);
        if (revision != null && !revision.status().finished() && earlierFailures >= maxAttempts) {
            // Also after runs that took the whole process down (revived as dead executions, which no
            // failure handler sees): stop before trying a fourth time.
            failForGood(sessionId, number, "processing failed " + earlierFailures + " times (the service stopped while"
                    + " working on it); it was not tried again");
            return;
        }
        if (revision == null || revision.status().finished()) {
            // Deleted meanwhile, or already finished (exactly once); a crash after completing may
            // have left the originals: finish the clean-up.
            if (session.originalsDeletedAt() == null && revision != null) {
                finished(sessionId, number, revision.status());
            }
            return;
        }
        sessions.countAttempt(sessionId);
        sessions.log(sessionId, "revision " + number + ": job started (attempt " + (session.attempts() + 1) + ")");
        try {
            renderSlots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a render slot", e);
        }
        try {
            if (number == 1) {
                firstRender(session, revision);
            } else {
                revisionRender(session, revision);
            }
        } catch (BrokenUpload broken) {
            if (number != 1) {
                throw new IllegalStateException("a revision reads no uploads", broken);
            }
            log.info("session {}: upload {} is broken; back to a draft: {}", sessionId, broken.file().id(), broken.getMessage());
            sessions.log(sessionId, "revision 1: an upload could not be read; the session is a draft again without it");
            sessions.returnToDraft(sessionId, broken.file().id(), scrub(broken.getMessage()));
            store.deletePrefix(SessionKeys.original(sessionId, broken.file().id()));
            workFolders.delete(sessionId);
        } catch (AudioFileException | RenderException | MixPlanException | PipelineFailure | IllegalArgumentException e) {
            String reason = scrub(e instanceof MixPlanException ? "the plan is not valid: " + e.getMessage() : e.getMessage());
            log.info("session {} revision {} failed: {}", sessionId, number, reason);
            sessions.log(sessionId, "revision " + number + ": failed: " + reason);
            failForGood(sessionId, number, reason);
        } finally {
            renderSlots.release();
            if (sessions.byId(sessionId).isEmpty()) {
                discardLeftovers(sessionId); // deleted while this job was writing
            }
        }
    }

    /** The user sees file names, not the server's folders. */
    private String scrub(String message) {
        String text = message == null ? "unknown error" : message;
        for (Path folder : new Path[] {storage.work().toAbsolutePath().normalize(), storage.files().toAbsolutePath().normalize(),
                storage.dataDir().toAbsolutePath().normalize()}) {
            text = text.replace(folder + "/", "").replace(folder.toString(), "");
        }
        return text;
    }

    /** Removes whatever a job wrote for a session that no longer exists. */
    private void discardLeftovers(String sessionId) throws IOException {
        store.deletePrefix(SessionKeys.session(sessionId));
        workFolders.delete(sessionId);
    }

    /** Tells the other features (privacy deletes the originals of a finished first mix). */
    private void finished(String sessionId, int number, RevisionStatus status) {
        if (status == RevisionStatus.COMPLETED) {
            events.publishEvent(new RevisionCompleted(sessionId, number));
        } else {
            events.publishEvent(new RevisionFailed(sessionId, number, number == 1));
        }
    }

    private void firstRender(MixSession session, Revision revision) throws IOException, AudioFileException, RenderException,
            MixPlanException {
        String id = session.id();
        Path work = workFolders.of(id);
        Path stems = work.resolve("stems");
        List<SessionFile> files = sessions.files(id);
        if (!Files.exists(work.resolve(".prepared"))) {
            prepare(id, files, work, stems);
        }
        Path reference = files.stream().filter(f -> f.kind().equals(SessionFile.REFERENCE)).findFirst()
                .map(f -> work.resolve("reference").resolve(f.stemName())).orElse(null);
        if (revision.planJson() == null) {
            sessions.markProgress(id, "analyse", 25);
            SessionOptions options = json.readValue(session.optionsJson(), SessionOptions.class);
            List<Path> stemFiles;
            try (Stream<Path> list = Files.list(stems)) {
                stemFiles = list.filter(Files::isRegularFile).sorted().toList();
            }
            if (stemFiles.isEmpty()) {
                throw new PipelineFailure("the session has no stems to mix", null);
            }
            // Stems separated from one stereo song start from the song's own balance.
            Planner.Result planned = Planner.plan(stems, stemFiles, options.plannerOptions(), null,
                    Files.exists(work.resolve(SEPARATED_MARKER)));
            if (planned.analyses().stream().allMatch(StemAnalysis::isSilent)) {
                throw new PipelineFailure("every stem is silent (nothing rises above the -70 LUFS gate): there is"
                        + " nothing to mix", null);
            }
            sessions.markProgress(id, "plan", 45);
            MixPlan plan = planned.plan();
            if (reference != null) {
                plan = ReferenceMatch.apply(plan, stems, reference, work).plan();
            }
            sessions.savePlan(id, 1, MixPlanJson.write(plan), stemsJson(planned, files));
            revision = sessions.revision(id, 1).orElseThrow();
        }
        MixPlan plan = MixPlanJson.read(revision.planJson());
        MixMeasurements.Result measured = null;
        if (revision.status() != RevisionStatus.RENDERED) {
            sessions.markProgress(id, "render", 55);
            Path out = WorkFolders.fresh(work.resolve("render-r1"));
            long start = System.nanoTime();
            RenderResult result = new Renderer(renderThreads).render(plan, stems, out.resolve("mix.wav"), out.resolve("stems"),
                    out.resolve("sources"));
            double seconds = (System.nanoTime() - start) / 1e9;
            realTimeFactor.record(result.durationSeconds() / seconds);
            sessions.log(id, String.format(java.util.Locale.ROOT, "revision 1: rendered %.1f s of audio in %.1f s", result.durationSeconds(), seconds));
            sessions.markProgress(id, "render", 75);
            // The A/B reference: the plain sum of the stems brought to the same loudness and ceiling.
            MixPlan neutral = MixPlans.neutralTemplate(plan.tracks().stream().map(MixPlan.TrackPlan::stem).toList());
            neutral = new MixPlan(neutral.version(), plan.target(), neutral.tracks(), neutral.buses(), neutral.master());
            new Renderer(renderThreads).render(neutral, stems, out.resolve("sum.wav"), null);
            measured = measure(id, out.resolve("mix.wav"));
            store.putFile(SessionKeys.sum(id), out.resolve("sum.wav"));
            storeFolder(out.resolve("sources"), SessionKeys.sources(id));
            storeFolder(out.resolve("stems"), SessionKeys.stems(id, 1));
            store.putFile(SessionKeys.mix(id, 1), out.resolve("mix.wav"));
            sessions.markRendered(id, 1);
        }
        complete(id, 1, plan, measured != null ? measured : measureStored(id, 1, work), reference);
        finished(id, 1, RevisionStatus.COMPLETED);
    }

    private void revisionRender(MixSession session, Revision revision) throws IOException, AudioFileException,
            RenderException, MixPlanException {
        String id = session.id();
        Path work = workFolders.of(id);
        MixPlan plan = MixPlanJson.read(revision.planJson());
        MixMeasurements.Result measured = null;
        if (revision.status() != RevisionStatus.RENDERED) {
            if (!session.outputAvailable()) {
                throw new PipelineFailure("the session's audio has expired and was deleted; a revision cannot be rendered", null);
            }
            sessions.markProgress(id, "render", 30);
            MixPlan base = MixPlanJson.read(sessions.revision(id, 1).orElseThrow().planJson());
            MixPlan renderable = RevisionPlans.renderable(base, plan);
            Path sources = fetchFolder(SessionKeys.sources(id), work.resolve("sources"));
            Path out = WorkFolders.fresh(work.resolve("render-r" + revision.number()));
            long start = System.nanoTime();
            RenderResult result = new Renderer(renderThreads).render(renderable, sources, out.resolve("mix.wav"),
                    out.resolve("stems"));
            realTimeFactor.record(result.durationSeconds() / ((System.nanoTime() - start) / 1e9));
            renameStems(out.resolve("stems"), base);
            measured = measure(id, out.resolve("mix.wav"));
            storeFolder(out.resolve("stems"), SessionKeys.stems(id, revision.number()));
            store.putFile(SessionKeys.mix(id, revision.number()), out.resolve("mix.wav"));
            sessions.markRendered(id, revision.number());
        }
        complete(id, revision.number(), plan, measured != null ? measured : measureStored(id, revision.number(), work), null);
        workFolders.delete(id);
        finished(id, revision.number(), RevisionStatus.COMPLETED);
    }

    /** Local working copies of every file under {@code prefix}, flat in {@code folder}. */
    private Path fetchFolder(String prefix, Path folder) throws IOException {
        WorkFolders.fresh(folder);
        for (String key : store.list(prefix)) {
            store.copyTo(key, folder.resolve(SessionKeys.fileName(key)));
        }
        return folder;
    }

    /** Revision stems are rendered from "track-000.wav" ...; name them after the user's stems again. */
    private static void renameStems(Path folder, MixPlan base) throws IOException {
        List<String> used = new ArrayList<>();
        for (int i = 0; i < base.tracks().size(); i++) {
            Path rendered = folder.resolve(RevisionPlans.sourceName(i));
            if (Files.exists(rendered)) {
                String name = Renderer.uniqueName(Renderer.stemOutputName(base.tracks().get(i).stem()), used);
                Files.move(rendered, folder.resolve(name));
            }
        }
    }

    private void prepare(String id, List<SessionFile> files, Path work, Path stems) throws IOException, AudioFileException {
        WorkFolders.fresh(work);
        Files.createDirectories(stems);
        Files.createDirectories(work.resolve("reference"));
        Path originals = Files.createDirectories(work.resolve("originals"));
        int done = 0;
        for (SessionFile file : files) {
            sessions.markProgress(id, "prepare", 2 + 18 * done / Math.max(1, files.size()));
            Path folder = file.kind().equals(SessionFile.REFERENCE) ? work.resolve("reference") : stems;
            Path original = originals.resolve(file.id());
            try {
                store.copyTo(SessionKeys.original(id, file.id()), original);
                decodeToWorkingCopy(original, folder.resolve(file.stemName()), file.originalName());
            } catch (java.nio.file.NoSuchFileException lost) {
                throw new BrokenUpload(file, "it is missing from the store", lost);
            } catch (PipelineFailure undecodable) {
                throw new BrokenUpload(file, undecodable.getCause() == null ? "it holds no audio"
                        : undecodable.getCause().getMessage().replace(original + ": ", ""), undecodable);
            }
            Files.delete(original);
            done++;
        }
        List<SessionFile> stemUploads = files.stream().filter(f -> f.kind().equals(SessionFile.STEM)).toList();
        StemSplitter splitter = splitters.getIfAvailable();
        if (splitter != null && stemUploads.size() == 1 && stemUploads.get(0).channels() == 2) {
            // One stereo mix: separate it, and mix the separated stems instead.
            sessions.markProgress(id, "separate", 12);
            Path mix = stems.resolve(stemUploads.get(0).stemName());
            Path separated = Files.createDirectories(work.resolve("separated"));
            long start = System.nanoTime();
            List<Path> parts = splitter.split(mix, separated);
            Files.delete(mix);
            for (Path part : parts) {
                Path stem = Files.move(part, stems.resolve(part.getFileName()));
                // Kept as output (it expires with the mix): musicians ask for the raw separated stems.
                // A copy: putFile may move the file, and the stem is mixed from here.
                try (java.io.InputStream in = Files.newInputStream(stem)) {
                    store.put(SessionKeys.separated(id) + "/" + stem.getFileName(), in);
                }
            }
            WorkFolders.deleteTree(separated);
            Files.writeString(work.resolve(SEPARATED_MARKER), "the stems were separated from one stereo upload\n");
            sessions.log(id, String.format(java.util.Locale.ROOT, "separated the stereo upload into %d stems in %.1f s",
                    parts.size(), (System.nanoTime() - start) / 1e9));
        }
        Files.writeString(work.resolve(".prepared"), Instant.now(clock).toString());
    }

    /**
     * Decode + resample to 48 kHz 32-bit float WAV, up to stereo (FFmpeg does the resampling and downmix).
     * Public for {@code neuromix mix --song}, which prepares a song as the service does.
     */
    public static void decodeToWorkingCopy(Path original, Path target, String displayName) throws IOException, AudioFileException {
        try (AudioReader reader = AudioReader.open(original, WORKING_RATE_HZ, 2);
             AudioWriter writer = AudioWriter.create(target, AudioEncoding.WAV_FLOAT_32, WORKING_RATE_HZ, reader.channels())) {
            AudioBuffer block = new AudioBuffer(reader.channels(), 8192);
            long frames = 0;
            for (int n; (n = reader.read(block)) > 0; frames += n) {
                writer.write(block, 0, n);
            }
            if (frames == 0) {
                throw new PipelineFailure("'" + displayName + "' holds no audio", null);
            }
            writer.finish();
        } catch (AudioFileException e) {
            throw new PipelineFailure("'" + displayName + "' could not be decoded: " + e.getMessage().replace(original + ": ", ""), e);
        }
    }

    private MixMeasurements.Result measure(String id, Path mix) throws IOException, AudioFileException {
        sessions.markProgress(id, "measure", 90);
        return MixMeasurements.measure(mix);
    }

    /** Resumed after the audio was stored: measure a working copy of the stored mix. */
    private MixMeasurements.Result measureStored(String id, int number, Path work) throws IOException, AudioFileException {
        Path copy = work.resolve("measure-r" + number + ".wav");
        try {
            store.copyTo(SessionKeys.mix(id, number), copy);
            return measure(id, copy);
        } finally {
            Files.deleteIfExists(copy);
        }
    }

    /**
     * The stored plain sum, measured, so that the page can play A/B at equal loudness for any
     * revision (the sum is made once, at revision 1's target; a later revision may aim elsewhere)
     * and overlay its spectrum. Null when it cannot be measured: the page then says it cannot match.
     */
    private MixReport.UnprocessedSum unprocessedSum(String id, int number) throws IOException {
        if (number > 1) {
            // The sum is made once: a later revision takes revision 1's measurement instead of measuring it again.
            MixReport first = firstReport(id);
            if (first != null && first.unprocessedSumLufs() != null && first.unprocessedSpectrumDb() != null
                    && first.unprocessedWaveform() != null) {
                return new MixReport.UnprocessedSum(first.unprocessedSumLufs(), first.unprocessedSpectrumDb(),
                        first.unprocessedWaveform());
            }
        }
        Path copy = workFolders.of(id).resolve("sum-r" + number + ".wav");
        try {
            Files.createDirectories(copy.getParent());
            store.copyTo(SessionKeys.sum(id), copy);
            MixReport.Measured sum = MixMeasurements.measure(copy).report();
            return sum.loudness().integratedLufs() == null ? null
                    : new MixReport.UnprocessedSum(sum.loudness().integratedLufs(), sum.spectrum().bandEnergiesDb(), sum.waveform());
        } catch (AudioFileException | IOException | java.io.UncheckedIOException e) {
            return null; // no sum to compare with (its audio is gone): the page says it cannot match
        } finally {
            Files.deleteIfExists(copy);
        }
    }

    /** Revision 1's stored report (what later revisions take the sum's and the reference's measurements from), or null. */
    private MixReport firstReport(String id) {
        return sessions.revision(id, 1).map(Revision::reportJson).filter(java.util.Objects::nonNull)
                .map(report -> json.readValue(report, MixReport.class)).orElse(null);
    }

    /**
     * The reference track's measurement for the spectrum overlay: measured from {@code file} at the
     * first mix (the upload is deleted after it), taken from revision 1's report for later ones.
     */
    private MixReport.Reference reference(String id, int number, Path file) {
        if (number > 1) {
            MixReport first = firstReport(id);
            return first == null || first.referenceLufs() == null ? null
                    : new MixReport.Reference(first.referenceLufs(), first.referenceSpectrumDb());
        }
        if (file == null || !Files.isRegularFile(file)) {
            return null;
        }
        try {
            MixReport.Measured measured = MixMeasurements.measure(file).report();
            return measured.loudness().integratedLufs() == null ? null
                    : new MixReport.Reference(measured.loudness().integratedLufs(), measured.spectrum().bandEnergiesDb());
        } catch (AudioFileException | java.io.UncheckedIOException e) {
            return null; // the overlay is left out; the mix itself does not depend on it
        }
    }

    private void complete(String id, int number, MixPlan plan, MixMeasurements.Result measured, Path referenceFile)
            throws IOException {
        MixReport report = measured.report().forRevision(id, number, new MixReport.Target(plan.target().loudnessLufs(),
                plan.target().truePeakDbtp(), plan.target().reason()), unprocessedSum(id, number), reference(id, number, referenceFile));
        Instant now = clock.instant();
        LoudnessMeasurement m = measured.measurement();
        String reportJson = json.writeValueAsString(report);
        transactions.executeWithoutResult(status -> {
            sessions.completeRevision(id, number, reportJson, now);
            sessions.markCompleted(id, m.integratedLufs(), m.truePeakDbtp(), m.loudnessRangeLu(), now, now.plus(retention.output()));
        });
        if (sessions.byId(id).map(MixSession::outputDeletedAt).orElse(null) != null) {
            store.deletePrefix(SessionKeys.output(id)); // the output expired while this revision rendered
        }
        sessions.log(id, String.format(java.util.Locale.ROOT, "revision %d: completed, %.2f LUFS, %.2f dBTP", number,
                m.integratedLufs(), m.truePeakDbtp()));
    }

    /** Final failure: the user sees the reason; originals and working copies go (the privacy promise). */
    void failForGood(String sessionId, int number, String reason) {
        transactions.executeWithoutResult(status -> {
            sessions.failRevision(sessionId, number, reason);
            sessions.markFailed(sessionId, reason, number == 1);
        });
        try {
            if (number != 1) {
                workFolders.delete(sessionId);
            } else {
                // A first mix that failed for good has no output to keep, but preparation may have stored
                // the separated stems of a stereo upload: they go now, as the failure page promises.
                store.deletePrefix(SessionKeys.output(sessionId));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        finished(sessionId, number, RevisionStatus.FAILED);
    }

    private String stemsJson(Planner.Result planned, List<SessionFile> files) {
        List<Map<String, Object>> stems = new ArrayList<>();
        for (int i = 0; i < planned.analyses().size(); i++) {
            StemAnalysis a = planned.analyses().get(i);
            RoleDecision role = planned.roles().get(i);
            String name = a.file().getFileName().toString();
            Map<String, Object> stem = new LinkedHashMap<>();
            stem.put("stem", name);
            stem.put("originalName", files.stream().filter(f -> f.stemName().equals(name)).findFirst()
                    .map(SessionFile::originalName).orElse(name));
            stem.put("role", role.role().planName());
            stem.put("roleConfidence", Math.round(role.confidence() * 1000) / 1000.0);
            stem.put("roleSource", role.source());
            stem.put("durationSeconds", a.durationSeconds());
            stem.put("integratedLufs", LoudnessMeasurement.defined(a.loudness().integratedLufs()));
            stem.put("truePeakDbtp", LoudnessMeasurement.defined(a.loudness().truePeakDbtp()));
            stem.put("crestFactorDb", Double.isFinite(a.crestFactorDb()) ? a.crestFactorDb() : null);
            stem.put("activity", a.activity());
            stem.put("spectralCentroidHz", Double.isFinite(a.spectralCentroidHz()) ? a.spectralCentroidHz() : null);
            stem.put("stereoWidth", Double.isFinite(a.stereoWidth()) ? a.stereoWidth() : null);
            stems.add(stem);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("stems", stems);
        result.put("notes", planned.notes());
        return json.writeValueAsString(result);
    }

    private void storeFolder(Path folder, String prefix) throws IOException {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                store.putFile(prefix + "/" + file.getFileName(), file);
            }
        }
    }
}
