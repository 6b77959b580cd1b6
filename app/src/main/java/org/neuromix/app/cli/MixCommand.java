package org.neuromix.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.neuromix.app.pipeline.MixStages;
import org.neuromix.app.pipeline.PipelineFailure;
import org.neuromix.app.pipeline.SeparationSplitter;
import org.neuromix.app.report.MixMeasurements;
import org.neuromix.engine.analysis.Role;
import org.neuromix.engine.analysis.StemAnalysis;
import org.neuromix.engine.io.AudioFileException;
import org.neuromix.engine.io.AudioFileInfo;
import org.neuromix.engine.io.AudioReader;
import org.neuromix.engine.loudness.LoudnessMeasurement;
import org.neuromix.engine.plan.DeliveryTarget;
import org.neuromix.engine.plan.MixPlan;
import org.neuromix.engine.plan.MixPlanException;
import org.neuromix.engine.plan.MixPlanJson;
import org.neuromix.engine.planner.Planner;
import org.neuromix.engine.planner.PlannerOptions;
import org.neuromix.engine.planner.ReferenceMatch;
import org.neuromix.engine.planner.RoleDecision;
import org.neuromix.engine.render.RenderException;
import org.neuromix.engine.render.RenderResult;
import org.neuromix.engine.render.Renderer;
import org.neuromix.engine.render.StemFolder;
import org.neuromix.engine.separation.ChunkedSeparation;
import org.neuromix.engine.separation.Separators;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** {@code neuromix mix}: plan and render a mix from a folder of stems, or from one stereo song. */
@Command(name = "mix",
        mixinStandardHelpOptions = true,
        description = {
            "Mix a folder of stems: analyse each stem, decide its role (file name, then audio), set every",
            "fader so the stem sits at its role's level measured through its processing, carve EQ where",
            "parts mask each other, then render with loudness normalisation and a true-peak limiter.",
            "--song takes one stereo song instead and does what the service does with a single upload:",
            "decode it to 48 kHz, separate it into vocals, drums, bass and other, and remix those stems",
            "starting from the song's own balance. --demo composes a synthetic song, renders its stems, and",
            "mixes them. The defaults are the service's.",
            "",
            "Exit codes: 0 mixed; 2 bad input; 1 internal error."
        })
final class MixCommand implements Callable<Integer> {
    /** Share of the progress taken by separating a --song, and by composing a --demo song. */
    private static final double SEPARATION_SHARE = 0.45;
    private static final double DEMO_SHARE = 0.25;
    /** Share of the rest taken by analysis and planning; rendering takes the remainder. */
    private static final double PLANNING_SHARE = 0.5;

    @Option(names = "--stems", paramLabel = "DIR", description = "Folder of stems (any format FFmpeg reads).")
    Path stems;

    @Option(names = "--song", paramLabel = "MIX", description = "One stereo song: separated into four stems, then mixed,"
            + " as the service does with a single stereo upload.")
    Path song;

    @Option(names = "--separation", defaultValue = Separators.DEFAULT_METHOD, paramLabel = "METHOD",
            description = "With --song: learned, dsp, learned:DIR or onnx:PATH, as for 'neuromix separate' (default: ${DEFAULT-VALUE}).")
    String separation;

    @Option(names = "--demo", description = "Generate a synthetic session next to the output and mix it.")
    boolean demo;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "Seed of the --demo song (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT.wav", description = "The mix (.wav or .flac).")
    Path output;

    @Option(names = "--target", defaultValue = PlannerOptions.DEFAULT_TARGET, paramLabel = "TARGET",
            description = "spotify, apple, youtube, amazon, tidal, ebu, atsc, or LUFS[/dBTP] such as -12 or -12/-0.5 (default: ${DEFAULT-VALUE}).")
    String target;

    @Option(names = "--role", paramLabel = "FILE=ROLE", description = "Override a stem's role, e.g. --role 'Audio 7.wav=bass'. Repeatable.")
    List<String> roles = new ArrayList<>();

    @Option(names = "--style", defaultValue = PlannerOptions.DEFAULT_STYLE, paramLabel = "STYLE",
            description = "auto (the trained balance model decides), pop, rock, hiphop, electronic, acoustic or orchestral"
                    + " (default: ${DEFAULT-VALUE}).")
    String style;

    @Option(names = "--presence", paramLabel = "FILE=LEVEL", description = "lead (+3 LU), normal or background (-4 LU) for a stem. Repeatable.")
    List<String> presences = new ArrayList<>();

    @Option(names = "--reverb", defaultValue = PlannerOptions.DEFAULT_REVERB, paramLabel = "AMOUNT",
            description = "none, low, medium or high (default: ${DEFAULT-VALUE}).")
    String reverb;

    @Option(names = "--intensity", defaultValue = "" + PlannerOptions.DEFAULT_INTENSITY_PERCENT, paramLabel = "PERCENT",
            description = "0 (balance only) to 100 (full processing); 50 = the conventions as written (default: ${DEFAULT-VALUE}).")
    double intensity;

    @Option(names = "--pan", defaultValue = PlannerOptions.DEFAULT_PAN, paramLabel = "SPREAD",
            description = "narrow, natural or wide stereo image (default: ${DEFAULT-VALUE}).")
    String pan;

    @Option(names = "--reference", paramLabel = "REF", description = "Match loudness and spectral balance to this track.")
    Path reference;

    @Option(names = "--plan-out", paramLabel = "PLAN.json", description = "Write the plan (editable; re-render with 'neuromix render').")
    Path planOut;

    @Option(names = "--report-out", paramLabel = "REPORT.json", description = "Write the report: stems, roles, plan, measurements, platforms.")
    Path reportOut;

    @Option(names = "--reaper", paramLabel = "DIR",
            description = "Also write a REAPER session into DIR (a new or empty folder): each processed track on its own track"
                    + " at the plan's fader, polarity and pan, the reverb return as a track, the plan in the project notes.")
    Path reaper;

    @Option(names = "--stems-out", paramLabel = "DIR", description = "Also write each processed track as a WAV.")
    Path stemsOut;

    @Mixin
    OutputOptions outputOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        String reaperRefusal = ReaperFolders.refusal(reaper);
        if (reaperRefusal != null) {
            err.println("neuromix mix: --reaper " + reaperRefusal);
            return NeuroMixCli.EXIT_BAD_INPUT;
        }
        DeliveryTarget delivery;
        Map<String, Role> roleChoices = new HashMap<>();
        Map<String, PlannerOptions.Presence> presenceChoices = new HashMap<>();
        PlannerOptions options;
        SeparationSplitter splitter = null;
        try {
            delivery = DeliveryTarget.parse(target);
            for (String choice : presences) {
                int equals = choice.lastIndexOf('=');
                if (equals <= 0) {
                    throw new IllegalArgumentException("--presence must be FILE=lead|normal|background, was '" + choice + "'");
                }
                presenceChoices.put(choice.substring(0, equals).trim(), PlannerOptions.Presence.parse(choice.substring(equals + 1)));
            }
            for (String choice : roles) {
                int equals = choice.lastIndexOf('=');
                Role role = equals > 0 ? Role.fromPlanName(choice.substring(equals + 1).trim()) : null;
                if (role == null) {
                    throw new IllegalArgumentException("--role must be FILE=ROLE with a role such as leadVocal, kick, bass,"
                            + " synthPad, was '" + choice + "'");
                }
                roleChoices.put(choice.substring(0, equals).trim(), role);
            }
            options = new PlannerOptions(delivery, style, roleChoices, presenceChoices, PlannerOptions.Reverb.parse(reverb),
                    intensity, PlannerOptions.PanSpread.parse(pan));
            if (song != null) {
                // The service's own splitter, with the service's chunk length.
                splitter = new SeparationSplitter(separation, ChunkedSeparation.DEFAULT_CHUNK_SECONDS);
            }
        } catch (IllegalArgumentException e) {
            err.println("neuromix mix: " + e.getMessage());
            return NeuroMixCli.EXIT_BAD_INPUT;
        }
        int sources = (demo ? 1 : 0) + (stems != null ? 1 : 0) + (song != null ? 1 : 0);
        if (sources != 1) {
            err.println("neuromix mix: give one of --stems DIR, --song MIX or --demo");
            return NeuroMixCli.EXIT_BAD_INPUT;
        }
        long start = System.nanoTime();
        Progress progress = outputOptions.progress();
        Map<String, Object> json = new LinkedHashMap<>();
        Map<String, Object> timings = new LinkedHashMap<>();
        try (WorkDirectory songWork = song == null ? null : new WorkDirectory("neuromix-mix-")) {
            Path folder = stems;
            List<Path> files;
            List<String> inputNotes = new ArrayList<>();
            double mixingFrom = 0; // share of the progress taken by composing or separating
            if (song != null) {
                long separationStart = System.nanoTime();
                files = separate(splitter, songWork.path(), progress);
                folder = files.get(0).getParent();
                timings.put("separationSeconds", OutputOptions.secondsSince(separationStart));
                outputOptions.say(String.format(Locale.ROOT, "Separated %s into %d stems with %s in %.1f s",
                        song.getFileName(), files.size(), separation, (System.nanoTime() - separationStart) / 1e9));
                Map<String, Object> separated = new LinkedHashMap<>();
                separated.put("song", song.toString());
                separated.put("method", separation);
                separated.put("stems", files.stream().map(f -> f.getFileName().toString()).toList());
                json.put("separated", separated);
                mixingFrom = SEPARATION_SHARE;
            } else {
                if (demo) {
                    String base = output.getFileName().toString().replaceFirst("\\.[^.]+$", "");
                    folder = output.toAbsolutePath().getParent().resolve(base + "-stems");
                    progress.progress("composing a synthetic song", Double.NaN);
                    DemoSong.write(seed, folder);
                    outputOptions.say("Composed a synthetic session (seed " + seed + ") in " + folder);
                    json.put("demo", Map.of("seed", seed, "stemsFolder", folder.toString()));
                    mixingFrom = DEMO_SHARE;
                }
                StemFolder.Contents contents = StemFolder.scan(folder);
                contents.skipped().forEach(skipped -> inputNotes.add("skipped " + skipped.problem()));
                files = contents.stems().stream().map(AudioFileInfo::file).toList();
            }
            inputNotes.forEach(note -> progress.note("note: " + note)); // on stderr, as before
            double renderFrom = mixingFrom + (1 - mixingFrom) * PLANNING_SHARE;
            // Stems separated from one stereo song start from the song's own balance, as in the service.
            Planner.Result planned = Planner.plan(folder, files, options, null, song != null,
                    progress.part(mixingFrom, renderFrom));
            if (reference != null) {
                progress.progress("matching the reference", Double.NaN);
                ReferenceMatch.Match match = ReferenceMatch.apply(planned.plan(), folder, reference,
                        output.toAbsolutePath().getParent());
                List<String> notes = new ArrayList<>(planned.notes());
                notes.addAll(match.notes());
                planned = new Planner.Result(match.plan(), planned.analyses(), planned.roles(), notes,
                        planned.analysisSeconds(), planned.planningSeconds());
                outputOptions.say(String.format(Locale.ROOT, "Matched to %s: %s", reference.getFileName(),
                        match.plan().target().reason()));
            }
            long renderStart = System.nanoTime();
            Path items = reaper == null ? null : Files.createTempDirectory("neuromix-reaper-");
            RenderResult rendered;
            try {
                rendered = new Renderer(Runtime.getRuntime().availableProcessors(), progress.part(renderFrom, 1))
                        .render(planned.plan(), folder, output, stemsOut, null, items);
                if (reaper != null) {
                    outputOptions.say("REAPER session: " + org.neuromix.engine.daw.ReaperExport.fromItems(planned.plan(), planned.plan(),
                            items, rendered, reaper, ReaperFolders.title(output)).project());
                }
            } finally {
                if (items != null) {
                    org.neuromix.app.storage.WorkFolders.deleteTree(items);
                }
            }
            double renderSeconds = (System.nanoTime() - renderStart) / 1e9;
            if (planOut != null) {
                MixPlanJson.write(planned.plan(), planOut);
            }
            if (reportOut != null) {
                Files.writeString(reportOut, report(planned, rendered, delivery));
            }
            progress.finish();
            double seconds = (System.nanoTime() - start) / 1e9;
            LoudnessMeasurement m = rendered.measurement();
            String targetName = reference == null ? delivery.name() : "reference";
            outputOptions.say(String.format(Locale.ROOT, "Mixed %d stems into %s in %.1f s: %.2f LUFS, %.2f dBTP (%s)",
                    files.size(), output, seconds, m.integratedLufs(), m.truePeakDbtp(), targetName));
            List<Map<String, Object>> stemObjects = new ArrayList<>();
            for (int i = 0; i < files.size(); i++) {
                RoleDecision role = planned.roles().get(i);
                MixPlan.GainMove gain = planned.plan().tracks().get(i).gain();
                outputOptions.say(String.format(Locale.ROOT, "  %-28s %-15s %3.0f %% (%s)  %s", files.get(i).getFileName(),
                        role.role().planName(), role.confidence() * 100, role.source(), gain.reason()));
                Map<String, Object> stem = new LinkedHashMap<>();
                stem.put("file", files.get(i).getFileName().toString());
                stem.put("role", role.role().planName());
                stem.put("roleConfidence", Math.round(role.confidence() * 1000) / 1000.0);
                stem.put("roleSource", role.source());
                stem.put("gainDb", gain.gainDb());
                stem.put("reason", gain.reason());
                stemObjects.add(stem);
            }
            outputOptions.say(String.format(Locale.ROOT, "  time: analysis %.1f s (decoding included), planning %.1f s"
                    + " (the measurement through each strip), render %.1f s (decoding, mixing, loudness pass, limiter,"
                    + " encoding)", planned.analysisSeconds(), planned.planningSeconds(), renderSeconds));
            planned.notes().forEach(note -> outputOptions.say("Note: " + note));
            rendered.notes().forEach(note -> outputOptions.say("Note: " + note));

            json.put("output", output.toString());
            json.put("target", targetName);
            json.put("targetLufs", planned.plan().target().loudnessLufs());
            json.put("targetTruePeakDbtp", planned.plan().target().truePeakDbtp());
            json.put("measurement", RenderCommand.measurement(m));
            json.put("durationSeconds", rendered.durationSeconds());
            json.put("stems", stemObjects);
            json.put("planFile", planOut == null ? null : planOut.toString());
            json.put("reportFile", reportOut == null ? null : reportOut.toString());
            json.put("stemFiles", rendered.stemFiles().stream().map(Path::toString).toList());
            timings.put("analysisSeconds", planned.analysisSeconds());
            timings.put("planningSeconds", planned.planningSeconds());
            timings.put("renderSeconds", Math.round(renderSeconds * 1000) / 1000.0);
            timings.put("totalSeconds", OutputOptions.secondsSince(start));
            json.put("timings", timings);
            List<String> notes = new ArrayList<>(inputNotes);
            notes.addAll(planned.notes());
            notes.addAll(rendered.notes());
            json.put("notes", notes);
            outputOptions.printJson(json);
            return 0;
        } catch (RenderException | AudioFileException | PipelineFailure e) {
            progress.abandon();
            err.println("neuromix mix: " + e.getMessage());
            return NeuroMixCli.EXIT_BAD_INPUT;
        } catch (MixPlanException e) {
            throw new IllegalStateException("the planner produced an invalid plan: " + e.getMessage(), e);
        }
    }

    /**
     * The service's preparation of a single stereo upload: a 48 kHz float working copy, separated by
     * the service's splitter into stems named after their roles; returns them sorted, as the service lists them.
     */
    private List<Path> separate(SeparationSplitter splitter, Path work, Progress progress)
            throws IOException, AudioFileException {
        AudioFileInfo info = AudioReader.probe(song);
        if (info.channels() != 2) {
            throw new AudioFileException(song, "has " + info.channels() + " channel(s); --song needs a stereo song"
                    + " (mix a mono file with --stems)");
        }
        progress.progress("decoding the song", 0);
        Path workingCopy = work.resolve(song.getFileName().toString().replaceFirst("\\.[^.]+$", "") + ".wav");
        MixStages.decodeToWorkingCopy(song, workingCopy, song.getFileName().toString());
        List<Path> parts = splitter.split(workingCopy, Files.createDirectories(work.resolve("stems")),
                progress.part(0.02, SEPARATION_SHARE));
        Files.delete(workingCopy);
        return parts.stream().sorted().toList();
    }

    private static String report(Planner.Result planned, RenderResult rendered, DeliveryTarget delivery) {
        Map<String, Object> report = new LinkedHashMap<>();
        List<Map<String, Object>> stems = new ArrayList<>();
        for (int i = 0; i < planned.analyses().size(); i++) {
            StemAnalysis a = planned.analyses().get(i);
            RoleDecision role = planned.roles().get(i);
            Map<String, Object> stem = new LinkedHashMap<>();
            stem.put("file", a.file().getFileName().toString());
            stem.put("role", role.role().planName());
            stem.put("roleConfidence", role.confidence());
            stem.put("roleSource", role.source());
            stem.put("integratedLufs", LoudnessMeasurement.defined(a.loudness().integratedLufs()));
            stem.put("truePeakDbtp", LoudnessMeasurement.defined(a.loudness().truePeakDbtp()));
            stem.put("rmsDbfs", a.rmsDbfs());
            stem.put("crestFactorDb", a.crestFactorDb());
            stem.put("activity", a.activity());
            stem.put("spectralCentroidHz", a.spectralCentroidHz());
            stem.put("spectralRolloffHz", a.spectralRolloffHz());
            stem.put("spectralFlatness", a.spectralFlatness());
            stem.put("transientsPerSecond", a.transientsPerSecond());
            stem.put("stereoWidth", a.stereoWidth());
            stem.put("stereoCorrelation", a.stereoCorrelation());
            stem.put("lowFrequencyShare", a.lowFrequencyShare());
            stem.put("bandEnergiesDb", a.bandEnergiesDb());
            stems.add(stem);
        }
        report.put("stems", stems);
        JsonMapper mapper = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
        report.put("plan", mapper.readTree(MixPlanJson.write(planned.plan())));
        LoudnessMeasurement m = rendered.measurement();
        Map<String, Object> mix = new LinkedHashMap<>();
        mix.put("target", delivery.name());
        mix.put("integratedLufs", LoudnessMeasurement.defined(m.integratedLufs()));
        mix.put("loudnessRangeLu", LoudnessMeasurement.defined(m.loudnessRangeLu()));
        mix.put("truePeakDbtp", LoudnessMeasurement.defined(m.truePeakDbtp()));
        mix.put("samplePeakDbfs", LoudnessMeasurement.defined(m.samplePeakDbfs()));
        mix.put("maxMomentaryLufs", LoudnessMeasurement.defined(m.maxMomentaryLufs()));
        mix.put("maxShortTermLufs", LoudnessMeasurement.defined(m.maxShortTermLufs()));
        mix.put("durationSeconds", rendered.durationSeconds());
        report.put("mix", mix);
        report.put("platforms", MixMeasurements.platforms(m));
        List<String> notes = new ArrayList<>(planned.notes());
        notes.addAll(rendered.notes());
        report.put("notes", notes);
        return mapper.writeValueAsString(report) + "\n";
    }
}
