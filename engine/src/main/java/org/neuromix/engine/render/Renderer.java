package org.neuromix.engine.render;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.neuromix.engine.audio.AudioBuffer;
import org.neuromix.engine.audio.ChannelRole;
import org.neuromix.engine.audio.ProcessSpec;
import org.neuromix.engine.dsp.Compressor;
import org.neuromix.engine.dsp.FdnReverb;
import org.neuromix.engine.dsp.ParametricEq;
import org.neuromix.engine.dsp.TruePeakLimiter;
import org.neuromix.engine.io.AudioEncoding;
import org.neuromix.engine.io.AudioFileException;
import org.neuromix.engine.io.AudioReader;
import org.neuromix.engine.io.AudioWriter;
import org.neuromix.engine.io.SiblingFiles;
import org.neuromix.engine.loudness.GatedLoudnessMeter;
import org.neuromix.engine.loudness.LoudnessMeasurement;
import org.neuromix.engine.loudness.LoudnessMeter;
import org.neuromix.engine.plan.MixPlan;
import org.neuromix.engine.plan.MixPlan.TrackPlan;
import org.neuromix.engine.plan.MixPlanException;
import org.neuromix.engine.plan.MixPlanValidator;
import org.neuromix.engine.progress.ProgressListener;

/**
 * Renders a {@link MixPlan}: stems → channel strips → sends → effect buses → master EQ and glue
 * compressor → loudness normalisation → true-peak limiter → output file.
 *
 * <p>Streaming in blocks of {@value #BLOCK_FRAMES} frames: memory is bounded by the number of
 * stems times the block size, never by the song's length. Stems are decoded and processed in
 * parallel, one task per track per block, and summed in plan order, so the output is
 * deterministic (same stems and plan give identical bytes). Stems of other rates are resampled by
 * FFmpeg to the plan's rate, more than two channels are downmixed to stereo, shorter stems are
 * padded with silence; reverb buses ring out for their decay time after the last stem ends.
 *
 * <p>Loudness normalisation is exact rather than estimated: the pre-limiter master is written to
 * a temporary float file while its loudness is measured; then gain + limiter passes over that file
 * are measured until the output is within {@value #LOUDNESS_TOLERANCE_LU} LU of the target (the
 * limiter's effect on loudness is measured, not guessed). The first pass starts from the gain the
 * limiter predicts on excerpts kept while the master was rendered ({@link LimiterProbe}), so one
 * pass usually suffices. The output file appears only when the render succeeds.
 */
public final class Renderer {
    public static final int BLOCK_FRAMES = 4096;
    static final double LOUDNESS_TOLERANCE_LU = 0.05;
    private static final int MAX_PASSES = 6;
    private static final double MAX_NORMALISATION_GAIN_DB = 40.0;

    /** Share of a render's progress given to the pre-master; the limiter passes share the rest. */
    private static final double PREMASTER_SHARE = 0.6;
    /** Blocks between two progress reports (about 1.4 s of audio at 48 kHz). */
    private static final int PROGRESS_EVERY_BLOCKS = 16;

    private final int threads;
    private final ProgressListener progress;

    public Renderer(int threads) {
        this(threads, ProgressListener.NONE);
    }

    /**
     * @param progress told the stage ("mixing", "limiter pass N") and the share done of each render;
     *                 the number of limiter passes is not known in advance, so each pass takes half
     *                 of what is left, and a finished render reports 1
     */
    public Renderer(int threads, ProgressListener progress) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, was " + threads);
        }
        this.threads = threads;
        this.progress = progress;
    }

    /** A renderer using every core. */
    public Renderer() {
        this(Runtime.getRuntime().availableProcessors());
    }

    /**
     * @param stemsOutput where to write each processed track as a WAV named after its stem, or null
     * @throws MixPlanException  an invalid plan (message names the field)
     * @throws RenderException   a plan that does not fit the stems (missing stem, all muted, ...)
     * @throws AudioFileException a stem that is not usable audio (message names the file)
     */
    public RenderResult render(MixPlan plan, Path stemsDirectory, Path output, Path stemsOutput)
            throws MixPlanException, RenderException, AudioFileException, IOException {
        return render(plan, stemsDirectory, output, stemsOutput, null, null);
    }

    /**
     * As {@link #render(MixPlan, Path, Path, Path)}, and also keeps each unmuted track's signal after
     * its gate and EQ (32-bit float, the stem's own channels) in {@code revisionSources} as
     * {@link RevisionPlans#sourceName(int)}, so that later revisions can be rendered without the stems.
     *
     * @param revisionSources folder for the revision sources, or null
     */
    public RenderResult render(MixPlan plan, Path stemsDirectory, Path output, Path stemsOutput, Path revisionSources)
            throws MixPlanException, RenderException, AudioFileException, IOException {
        return render(plan, stemsDirectory, output, stemsOutput, revisionSources, null);
    }

    /**
     * As {@link #render(MixPlan, Path, Path, Path, Path)}, and also writes what a DAW session needs
     * into {@code dawItems} (see {@link DawItems}), or nothing when it is null.
     */
    public RenderResult render(MixPlan plan, Path stemsDirectory, Path output, Path stemsOutput, Path revisionSources,
                               Path dawItems) throws MixPlanException, RenderException, AudioFileException, IOException {
        MixPlanValidator.validate(plan);
        AudioEncoding encoding = outputEncoding(output, plan.target().bitDepth());
        List<Path> stems = resolveStems(plan, stemsDirectory);
        Path outputFile = output.toAbsolutePath();
        Path workDirectory = outputFile.getParent();
        Files.createDirectories(workDirectory);
        Path premaster = SiblingFiles.create(outputFile, ".premaster.wav");
        List<String> notes = new ArrayList<>();
        try {
            Premaster pre = renderPremaster(plan, stems, premaster, stemsOutput, revisionSources, dawItems);
            RenderResult result = normaliseAndLimit(plan, pre, premaster, outputFile, encoding, notes);
            progress.progress("rendered", 1);
            return result;
        } finally {
            Files.deleteIfExists(premaster);
        }
    }

    private List<Path> resolveStems(MixPlan plan, Path stemsDirectory) throws RenderException, AudioFileException {
        if (!Files.isDirectory(stemsDirectory)) {
            throw new RenderException("stems folder " + stemsDirectory + " does not exist or is not a folder");
        }
        List<Path> files = new ArrayList<>();
        Path base = stemsDirectory.toAbsolutePath().normalize();
        boolean anyActive = false;
        for (int i = 0; i < plan.tracks().size(); i++) {
            TrackPlan track = plan.tracks().get(i);
            Path file = base.resolve(track.stem()).normalize();
            if (!file.startsWith(base)) {
                throw new RenderException("tracks[" + i + "].stem: '" + track.stem() + "' is outside the stems folder");
            }
            files.add(file);
            if (track.muted()) {
                continue; // never read: a muted track's stem may be gone (a revision's source of a muted track)
            }
            if (!Files.isRegularFile(file)) {
                throw new RenderException("tracks[" + i + "] (" + track.id() + "): stem '" + track.stem()
                        + "' not found in " + stemsDirectory);
            }
            AudioReader.probe(file); // a bad stem fails here, before anything is written
            anyActive = true;
        }
        if (!anyActive) {
            throw new RenderException("every track is muted: there is nothing to render");
        }
        return files;
    }

    /** The pre-limiter master: written to a float file, with its loudness and the content length. */
    private record Premaster(long frames, double integratedLufs, List<Path> stemFiles, LimiterProbe probe) {
    }

    private Premaster renderPremaster(MixPlan plan, List<Path> stems, Path premaster, Path stemsOutput,
                                      Path revisionSources, Path dawItems) throws AudioFileException, IOException, RenderException {
        int rate = plan.target().sampleRateHz();
        ProcessSpec stereoSpec = new ProcessSpec(rate, BLOCK_FRAMES, 2);
        List<Lane> lanes = new ArrayList<>();
        List<AudioWriter> writers = new ArrayList<>();
        List<Path> stemFiles = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "render-track");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<String> busIds = plan.buses().stream().map(MixPlan.BusPlan::id).toList();
            for (int i = 0; i < plan.tracks().size(); i++) {
                TrackPlan track = plan.tracks().get(i);
                if (!track.muted()) {
                    Lane lane = new Lane(track, AudioReader.open(stems.get(i), rate, 2), stereoSpec, busIds);
                    lanes.add(lane);
                    if (dawItems != null) {
                        Files.createDirectories(dawItems);
                        lane.itemWriter = AudioWriter.create(dawItems.resolve(DawItems.trackFile(i)), AudioEncoding.WAV_FLOAT_32,
                                rate, lane.reader.channels());
                        writers.add(lane.itemWriter);
                    }
                    if (revisionSources != null) {
                        Files.createDirectories(revisionSources);
                        lane.sourceWriter = AudioWriter.create(revisionSources.resolve(RevisionPlans.sourceName(i)),
                                AudioEncoding.WAV_FLOAT_32, rate, lane.reader.channels());
                        writers.add(lane.sourceWriter);
                    }
                }
            }
            FdnReverb[] buses = new FdnReverb[plan.buses().size()];
            AudioBuffer[] busBuffers = new AudioBuffer[buses.length];
            float[] busReturns = new float[buses.length];
            double tailSeconds = 0;
            for (int b = 0; b < buses.length; b++) {
                MixPlan.BusPlan bus = plan.buses().get(b);
                buses[b] = TrackStrip.reverb(bus.reverb());
                buses[b].prepare(stereoSpec);
                busBuffers[b] = new AudioBuffer(2, BLOCK_FRAMES);
                busReturns[b] = (float) Math.pow(10, bus.returnGainDb() / 20);
                tailSeconds = Math.max(tailSeconds, bus.reverb().decaySeconds());
            }
            long tailFrames = Math.round(tailSeconds * rate);
            AudioWriter[] busWriters = new AudioWriter[buses.length];
            AudioWriter busSumWriter = null;
            if (dawItems != null) {
                for (int b = 0; b < buses.length; b++) {
                    busWriters[b] = AudioWriter.create(dawItems.resolve(DawItems.busFile(b)), AudioEncoding.WAV_FLOAT_32, rate, 2);
                    writers.add(busWriters[b]);
                }
                busSumWriter = AudioWriter.create(dawItems.resolve(DawItems.BUS_SUM_FILE), AudioEncoding.WAV_FLOAT_32, rate, 2);
                writers.add(busSumWriter);
            }
            ParametricEq masterEq = TrackStrip.equaliser(plan.master().eq());
            masterEq.prepare(stereoSpec);
            Compressor glue = plan.master().compressor() == null ? null
                    : new Compressor(MixPlanValidator.compressorSettings(plan.master().compressor()));
            if (glue != null) {
                glue.prepare(stereoSpec);
            }
            AudioEncoding stemEncoding = AudioEncoding.forOutput("wav", plan.target().bitDepth());
            if (stemsOutput != null) {
                Files.createDirectories(stemsOutput);
                List<String> usedNames = new ArrayList<>();
                for (Lane lane : lanes) {
                    Path file = stemsOutput.resolve(uniqueName(stemOutputName(lane.track.stem()), usedNames));
                    AudioWriter writer = AudioWriter.create(file, stemEncoding, rate, 2);
                    writers.add(writer);
                    lane.stemWriter = writer;
                    stemFiles.add(file);
                }
            }
            // The length the progress is measured against: the longest stem the headers declare, plus the reverb tail.
            long expectedFrames = tailFrames;
            for (Lane lane : lanes) {
                double seconds = lane.reader.info().durationSeconds();
                expectedFrames = Math.max(expectedFrames, Double.isFinite(seconds) ? Math.round(seconds * rate) + tailFrames : 0);
            }
            progress.progress("mixing", 0);
            LimiterProbe probe = new LimiterProbe(BLOCK_FRAMES, expectedFrames);
            GatedLoudnessMeter meter = new GatedLoudnessMeter(rate, List.of(ChannelRole.FRONT, ChannelRole.FRONT));
            AudioBuffer mix = new AudioBuffer(2, BLOCK_FRAMES);
            long rendered = 0;
            long content = -1;
            try (AudioWriter premasterWriter = AudioWriter.create(premaster, AudioEncoding.WAV_FLOAT_32, rate, 2)) {
                // Pipeline: while the workers decode and process block k + 1 into the other half of
                // each lane's double buffer, this thread sums and masters block k.
                List<Future<Void>> pending = submitLanes(pool, lanes, 0);
                for (int block = 0; content < 0 || rendered < content; block++) {
                    awaitLanes(pending);
                    int parity = block % 2;
                    boolean allEnded = true;
                    long longest = 0;
                    for (Lane lane : lanes) {
                        allEnded &= lane.ended;
                        longest = Math.max(longest, lane.framesRead);
                    }
                    if (allEnded && content < 0) {
                        content = longest + tailFrames;
                    }
                    int count = (int) (content < 0 ? BLOCK_FRAMES : Math.min(BLOCK_FRAMES, content - rendered));
                    boolean more = content < 0 || rendered + count < content;
                    pending = more ? submitLanes(pool, lanes, 1 - parity) : List.of();
                    mix(lanes, parity, mix, buses, busBuffers, busReturns);
                    if (busSumWriter != null && count > 0) {
                        busSumWriter.write(mix, 0, count);
                        for (int b = 0; b < buses.length; b++) {
                            busWriters[b].write(busBuffers[b], 0, count);
                        }
                    }
                    masterEq.process(mix);
                    if (glue != null) {
                        glue.process(mix);
                    }
                    if (count > 0) {
                        premasterWriter.write(mix, 0, count);
                        meter.accept(mix, 0, count);
                        probe.offer(mix, count);
                        for (Lane lane : lanes) {
                            if (lane.stemWriter != null) {
                                lane.stemWriter.write(lane.stereo[parity], 0, count);
                            }
                            if (lane.itemWriter != null) {
                                lane.itemWriter.write(lane.item[parity], 0, count);
                            }
                        }
                    }
                    rendered += Math.max(count, 0);
                    if (block % PROGRESS_EVERY_BLOCKS == 0 && expectedFrames > 0) {
                        progress.progress("mixing", PREMASTER_SHARE * Math.min(1, rendered / (double) expectedFrames));
                    }
                }
                awaitLanes(pending);
                if (rendered == 0) {
                    throw new RenderException("the stems hold no audio (zero length): there is nothing to render");
                }
                premasterWriter.finish();
            }
            for (AudioWriter writer : writers) {
                writer.finish();
            }
            return new Premaster(rendered, meter.integratedLufs(), stemFiles, probe);
        } finally {
            pool.shutdownNow();
            try {
                // Readers are closed below: no worker may still be decoding with one.
                if (!pool.awaitTermination(5, java.util.concurrent.TimeUnit.MINUTES)) {
                    throw new IllegalStateException("render workers did not stop");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            for (AudioWriter writer : writers) {
                writer.close();
            }
            for (Lane lane : lanes) {
                lane.reader.close();
            }
        }
    }

    /** WAV or FLAC by the output's extension, at the plan's bit depth. */
    static AudioEncoding outputEncoding(Path output, int bitDepth) throws RenderException {
        String name = output.getFileName().toString();
        int dot = name.lastIndexOf('.');
        try {
            return AudioEncoding.forOutput(dot < 0 ? "" : name.substring(dot + 1), bitDepth);
        } catch (IllegalArgumentException e) {
            throw new RenderException("output " + output + ": " + e.getMessage());
        }
    }

    /** "x.wav", then "x (2).wav", ... for stems of the same name in different folders. */
    public static String uniqueName(String name, List<String> used) {
        String candidate = name;
        for (int n = 2; used.contains(candidate.toLowerCase(Locale.ROOT)); n++) {
            candidate = name.substring(0, name.length() - 4) + " (" + n + ").wav";
        }
        used.add(candidate.toLowerCase(Locale.ROOT));
        return candidate;
    }

    /** "Bass DI.flac" → "Bass DI.wav" (folders in the stem name are dropped). */
    public static String stemOutputName(String stem) {
        String name = Path.of(stem).getFileName().toString();
        int dot = name.lastIndexOf('.');
        return (dot > 0 ? name.substring(0, dot) : name) + ".wav";
    }

    /** Starts every lane on its next block, writing into the given half of its double buffer. */
    private static List<Future<Void>> submitLanes(ExecutorService pool, List<Lane> lanes, int parity) {
        List<Future<Void>> futures = new ArrayList<>(lanes.size());
        for (Lane lane : lanes) {
            futures.add(pool.submit((Callable<Void>) () -> {
                lane.processBlock(parity);
                return null;
            }));
        }
        return futures;
    }

    private static void awaitLanes(List<Future<Void>> futures) throws AudioFileException {
        for (Future<Void> future : futures) {
            try {
                future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("render interrupted", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof AudioFileException audio) {
                    throw audio;
                }
                throw new IllegalStateException("a track failed to render", e.getCause());
            }
        }
    }

    /** Sums the tracks in plan order into the mix and the buses, runs the buses, returns them. */
    private static void mix(List<Lane> lanes, int parity, AudioBuffer mix, FdnReverb[] buses, AudioBuffer[] busBuffers,
                            float[] busReturns) {
        for (int channel = 0; channel < 2; channel++) {
            Arrays.fill(mix.channel(channel), 0f);
            for (AudioBuffer bus : busBuffers) {
                Arrays.fill(bus.channel(channel), 0f);
            }
        }
        for (Lane lane : lanes) {
            for (int channel = 0; channel < 2; channel++) {
                float[] source = lane.stereo[parity].channel(channel);
                float[] target = mix.channel(channel);
                for (int i = 0; i < BLOCK_FRAMES; i++) {
                    target[i] += source[i];
                }
                for (int s = 0; s < lane.sendBus.length; s++) {
                    float[] bus = busBuffers[lane.sendBus[s]].channel(channel);
                    float level = lane.sendLevel[s];
                    for (int i = 0; i < BLOCK_FRAMES; i++) {
                        bus[i] += source[i] * level;
                    }
                }
            }
        }
        for (int b = 0; b < buses.length; b++) {
            buses[b].process(busBuffers[b]);
            for (int channel = 0; channel < 2; channel++) {
                float[] wet = busBuffers[b].channel(channel);
                float[] target = mix.channel(channel);
                for (int i = 0; i < BLOCK_FRAMES; i++) {
                    target[i] += wet[i] * busReturns[b];
                }
            }
        }
    }

    private RenderResult normaliseAndLimit(MixPlan plan, Premaster pre, Path premaster, Path output,
                                           AudioEncoding encoding, List<String> notes) throws AudioFileException, IOException {
        double target = plan.target().loudnessLufs();
        double gainDb;
        if (Double.isNaN(pre.integratedLufs())) {
            gainDb = 0;
            notes.add("the mix is silent (nothing above the -70 LUFS gate): no loudness normalisation applied");
        } else {
            gainDb = clampGain(target - pre.integratedLufs(), notes);
            gainDb = clampGain(pre.probe().gainFor(target, pre.integratedLufs(), gainDb, limiterSettings(plan),
                    plan.target().sampleRateHz()), notes);
        }
        Pass best = null;
        Pass previous = null;
        try {
            for (int pass = 1; pass <= MAX_PASSES; pass++) {
                // Pass p covers [1 - 2^-(p-1), 1 - 2^-p] of what the passes share.
                double passStart = PREMASTER_SHARE + (1 - PREMASTER_SHARE) * (1 - Math.pow(0.5, pass - 1));
                double passEnd = PREMASTER_SHARE + (1 - PREMASTER_SHARE) * (1 - Math.pow(0.5, pass));
                Pass current = limiterPass(plan, premaster, pre.frames(), output, encoding, gainDb, pass,
                        progress.part(passStart, passEnd));
                if (best == null || Math.abs(current.error(target)) < Math.abs(best.error(target))) {
                    if (best != null) {
                        Files.deleteIfExists(best.file);
                    }
                    best = current;
                } else {
                    Files.deleteIfExists(current.file);
                }
                if (Double.isNaN(pre.integratedLufs()) || Math.abs(best.error(target)) <= LOUDNESS_TOLERANCE_LU) {
                    break;
                }
                // Secant step: the limiter makes loudness grow by less than 1 LU per dB near the ceiling.
                double slope = 1.0;
                if (previous != null && current.gainDb != previous.gainDb) {
                    slope = (current.measurement.integratedLufs() - previous.measurement.integratedLufs())
                            / (current.gainDb - previous.gainDb);
                    slope = Math.max(0.1, Math.min(1.0, slope));
                }
                previous = current;
                gainDb = clampGain(current.gainDb + (target - current.measurement.integratedLufs()) / slope, notes);
                if (gainDb == current.gainDb) {
                    break;
                }
            }
            if (!Double.isNaN(pre.integratedLufs()) && Math.abs(best.error(target)) > LOUDNESS_TOLERANCE_LU) {
                notes.add(String.format(Locale.ROOT, "the mix reaches %.2f LUFS, not %.2f: the limiter cannot go louder"
                        + " without exceeding the ceiling", best.measurement.integratedLufs(), target));
            }
            Files.move(best.file, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            int passes = best.passNumber;
            return new RenderResult(best.measurement, best.gainDb, best.limiterReductionDb, pre.frames(),
                    pre.frames() / (double) plan.target().sampleRateHz(), passes, pre.stemFiles(), List.copyOf(notes));
        } finally {
            if (best != null) {
                Files.deleteIfExists(best.file);
            }
        }
    }

    private static double clampGain(double gainDb, List<String> notes) {
        if (Math.abs(gainDb) > MAX_NORMALISATION_GAIN_DB) {
            String note = "loudness normalisation limited to " + (gainDb > 0 ? "+" : "-") + MAX_NORMALISATION_GAIN_DB + " dB";
            if (!notes.contains(note)) {
                notes.add(note);
            }
            return Math.copySign(MAX_NORMALISATION_GAIN_DB, gainDb);
        }
        return gainDb;
    }

    private record Pass(Path file, double gainDb, LoudnessMeasurement measurement, double limiterReductionDb, int passNumber) {
        double error(double target) {
            return measurement.integratedLufs() - target;
        }
    }

    private static TruePeakLimiter.Settings limiterSettings(MixPlan plan) {
        MixPlan.LimiterMove move = plan.master().limiter();
        return new TruePeakLimiter.Settings(plan.target().truePeakDbtp(), move.releaseMs(), move.lookaheadMs());
    }

    /** One gain + limiter pass over the pre-master, written to a candidate file and measured. */
    private static Pass limiterPass(MixPlan plan, Path premaster, long frames, Path output, AudioEncoding encoding,
                                    double gainDb, int passNumber, ProgressListener passProgress)
            throws AudioFileException, IOException {
        int rate = plan.target().sampleRateHz();
        TruePeakLimiter limiter = new TruePeakLimiter(limiterSettings(plan));
        limiter.prepare(new ProcessSpec(rate, BLOCK_FRAMES, 2));
        LoudnessMeter meter = LoudnessMeter.forFrontChannels(rate, 2);
        Path candidate = SiblingFiles.create(output, ".candidate.wav");
        float gain = (float) Math.pow(10, gainDb / 20);
        int latency = limiter.latencyFrames();
        // Two stages: this thread reads, applies gain and limits; a second thread meters and encodes.
        java.util.concurrent.BlockingQueue<AudioBuffer> free = new java.util.concurrent.ArrayBlockingQueue<>(4);
        for (int i = 0; i < 4; i++) {
            free.add(new AudioBuffer(2, BLOCK_FRAMES));
        }
        ExecutorService output2 = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "render-meter-encode");
            thread.setDaemon(true);
            return thread;
        });
        boolean done = false;
        try (AudioReader reader = AudioReader.open(premaster);
             AudioWriter writer = AudioWriter.create(candidate, encoding, rate, 2)) {
            List<Future<?>> stages = new ArrayList<>();
            try {
                long fed = 0;
                long written = 0;
                long toSkip = latency;
                while (written < frames) {
                    AudioBuffer block = free.take();
                    int count = reader.read(block);
                    if (count < BLOCK_FRAMES) {
                        // Past the end: silence flushes the limiter's look-ahead.
                        for (int channel = 0; channel < 2; channel++) {
                            Arrays.fill(block.channel(channel), count, BLOCK_FRAMES, 0f);
                        }
                        block.setFrames(BLOCK_FRAMES);
                    }
                    for (int channel = 0; channel < 2; channel++) {
                        float[] x = block.channel(channel);
                        for (int i = 0; i < BLOCK_FRAMES; i++) {
                            x[i] *= gain;
                        }
                    }
                    limiter.process(block);
                    fed += BLOCK_FRAMES;
                    int skip = (int) Math.min(toSkip, BLOCK_FRAMES);
                    toSkip -= skip;
                    int usable = (int) Math.min(BLOCK_FRAMES - skip, frames - written);
                    written += Math.max(usable, 0);
                    if ((fed / BLOCK_FRAMES) % PROGRESS_EVERY_BLOCKS == 0) {
                        passProgress.progress("limiter pass " + passNumber, written / (double) Math.max(1, frames));
                    }
                    stages.add(output2.submit(() -> {
                        try {
                            if (usable > 0) {
                                writer.write(block, skip, usable);
                                meter.accept(block, skip, usable);
                            }
                        } finally {
                            free.add(block);
                        }
                        return null;
                    }));
                    if (fed > frames + latency + 2L * BLOCK_FRAMES) {
                        throw new IllegalStateException("limiter pass overran the programme");
                    }
                }
            } finally {
                // The writer is closed after this block: no encoding task may still be running then.
                output2.shutdown();
                if (!output2.awaitTermination(5, java.util.concurrent.TimeUnit.MINUTES)) {
                    throw new IllegalStateException("the encoder did not stop");
                }
            }
            for (Future<?> stage : stages) {
                stage.get();
            }
            writer.finish();
            done = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("render interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException("metering or encoding failed", e.getCause());
        } finally {
            output2.shutdownNow();
            if (!done) {
                Files.deleteIfExists(candidate);
            }
        }
        return new Pass(candidate, gainDb, meter.measurement(), limiter.maxGainReductionDb(), passNumber);
    }

    /** One track: its reader, strip, buffers and sends; processes one block per call. */
    private static final class Lane {
        final TrackPlan track;
        final AudioReader reader;
        final TrackStrip strip;
        final AudioBuffer source;
        /** Double buffer: the workers fill one half while the master reads the other. */
        final AudioBuffer[] stereo = {new AudioBuffer(2, BLOCK_FRAMES), new AudioBuffer(2, BLOCK_FRAMES)};
        final int[] sendBus;
        final float[] sendLevel;
        /** Processed track (stereo, after the fader and pan), or null. */
        AudioWriter stemWriter;
        /** The track after gate and EQ (revision source), or null; written by this lane's worker. */
        AudioWriter sourceWriter;
        /** The track before its fader and pan ({@link DawItems}), or null; written by the mixing thread. */
        AudioWriter itemWriter;
        /** Double buffer of what {@link #itemWriter} writes, in the source's channels. */
        final AudioBuffer[] item;
        long framesRead;
        boolean ended;

        Lane(TrackPlan track, AudioReader reader, ProcessSpec spec, List<String> busIds) {
            this.track = track;
            this.reader = reader;
            this.source = new AudioBuffer(reader.channels(), BLOCK_FRAMES);
            this.strip = new TrackStrip(track, reader.channels(), spec);
            this.item = new AudioBuffer[] {new AudioBuffer(reader.channels(), BLOCK_FRAMES), new AudioBuffer(reader.channels(), BLOCK_FRAMES)};
            this.sendBus = new int[track.sends().size()];
            this.sendLevel = new float[track.sends().size()];
            for (int s = 0; s < sendBus.length; s++) {
                sendBus[s] = busIds.indexOf(track.sends().get(s).bus());
                sendLevel[s] = (float) Math.pow(10, track.sends().get(s).levelDb() / 20);
            }
        }

        void processBlock(int parity) throws AudioFileException, IOException {
            int count = ended ? 0 : reader.read(source);
            framesRead += count;
            if (count < BLOCK_FRAMES) {
                ended = true;
                for (int channel = 0; channel < source.channels(); channel++) {
                    Arrays.fill(source.channel(channel), count, BLOCK_FRAMES, 0f);
                }
                source.setFrames(BLOCK_FRAMES);
            }
            strip.processFront(source);
            if (sourceWriter != null && count > 0) {
                // Only the stem's own length: a revision render then has the same length as this one.
                sourceWriter.write(source, 0, count);
            }
            strip.processRest(source, stereo[parity], itemWriter != null ? item[parity] : null);
        }
    }
}
