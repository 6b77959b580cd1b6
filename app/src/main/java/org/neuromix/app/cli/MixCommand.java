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

import org.neuromix.app.report.MixMeasurements;
import org.neuromix.engine.analysis.Role;
import org.neuromix.engine.analysis.StemAnalysis;
import org.neuromix.engine.io.AudioFileException;
import org.neuromix.engine.io.AudioFileInfo;
import org.neuromix.engine.loudness.LoudnessMeasurement;
import org.neuromix.engine.plan.DeliveryTarget;
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
import org.neuromix.engine.train.GervillRenderer;
import org.neuromix.engine.train.SyntheticSessions;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** {@code neuromix mix}: plan and render a mix from a folder of stems. */
@Command(name = "mix",
        mixinStandardHelpOptions = true,
        description = {
            "Mix a folder of stems: analyse each stem, decide its role (file name, then audio), set every",
            "fader so the stem sits at its role's level measured through its processing, carve EQ where",
            "parts mask each other, then render with loudness normalisation and a true-peak limiter.",
            "--demo composes a synthetic song, renders its stems, and mixes them.",
            "",
            "Exit codes: 0 mixed; 2 bad input; 1 internal error."
        })
final class MixCommand implements Callable<Integer> {
    @Option(names = "--stems", paramLabel = "DIR", description = "Folder of stems (any format FFmpeg reads).")
    Path stems;

    @Option(names = "--demo", description = "Generate a synthetic session next to the output and mix it.")
    boolean demo;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "Seed of the --demo song (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT.wav", description = "The mix (.wav or .flac).")
    Path output;

    @Option(names = "--target", defaultValue = "spotify", paramLabel = "TARGET",
            description = "spotify, apple, youtube, amazon, tidal, ebu, atsc, or LUFS[/dBTP] such as -12 or -12/-0.5 (default: ${DEFAULT-VALUE}).")
    String target;

    @Option(names = "--role", paramLabel = "FILE=ROLE", description = "Override a stem's role, e.g. --role 'Audio 7.wav=bass'. Repeatable.")
    List<String> roles = new ArrayList<>();

    @Option(names = "--style", defaultValue = "auto", paramLabel = "STYLE",
            description = "auto (the trained balance model decides), pop, rock, hiphop, electronic, acoustic or orchestral"
                    + " (default: ${DEFAULT-VALUE}).")
    String style;

    @Option(names = "--presence", paramLabel = "FILE=LEVEL", description = "lead (+3 LU), normal or background (-4 LU) for a stem. Repeatable.")
    List<String> presences = new ArrayList<>();

    @Option(names = "--reverb", defaultValue = "medium", paramLabel = "AMOUNT", description = "none, low, medium or high (default: ${DEFAULT-VALUE}).")
    String reverb;

    @Option(names = "--intensity", defaultValue = "50", paramLabel = "PERCENT",
            description = "0 (balance only) to 100 (full processing); 50 = the conventions as written (default: ${DEFAULT-VALUE}).")
    double intensity;

    @Option(names = "--pan", defaultValue = "natural", paramLabel = "SPREAD", description = "narrow, natural or wide stereo image (default: ${DEFAULT-VALUE}).")
    String pan;

    @Option(names = "--reference", paramLabel = "REF", description = "Match loudness and spectral balance to this track.")
    Path reference;

    @Option(names = "--plan-out", paramLabel = "PLAN.json", description = "Write the plan (editable; re-render with 'neuromix render').")
    Path planOut;

    @Option(names = "--report-out", paramLabel = "REPORT.json", description = "Write the report: stems, roles, plan, measurements, platforms.")
    Path reportOut;

    @Option(names = "--stems-out", paramLabel = "DIR", description = "Also write each processed track as a WAV.")
    Path stemsOut;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        DeliveryTarget delivery;
        Map<String, Role> roleChoices = new HashMap<>();
        Map<String, PlannerOptions.Presence> presenceChoices = new HashMap<>();
        PlannerOptions options;
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
        } catch (IllegalArgumentException e) {
            err.println("neuromix mix: " + e.getMessage());
            return NeuroMixCli.EXIT_BAD_INPUT;
        }
        if (demo == (stems != null)) {
            err.println("neuromix mix: give either --stems DIR or --demo");
            return NeuroMixCli.EXIT_BAD_INPUT;
        }
        long start = System.nanoTime();
        try {
            Path folder = stems;
            if (demo) {
                String base = output.getFileName().toString().replaceFirst("\\.[^.]+$", "");
                folder = output.toAbsolutePath().getParent().resolve(base + "-stems");
                SyntheticSessions.write(seed, 32, GervillRenderer.pinned(), folder);
                out.println("Composed a synthetic session (seed " + seed + ") in " + folder);
            }
            StemFolder.Contents contents = StemFolder.scan(folder);
            contents.skipped().forEach(skipped -> err.println("note: skipped " + skipped.problem()));
            List<Path> files = contents.stems().stream().map(AudioFileInfo::file).toList();
            Planner.Result planned = Planner.plan(folder, files, options);
            if (reference != null) {
                ReferenceMatch.Match match = ReferenceMatch.apply(planned.plan(), folder, reference,
                        output.toAbsolutePath().getParent());
                List<String> notes = new ArrayList<>(planned.notes());
                notes.addAll(match.notes());
                planned = new Planner.Result(match.plan(), planned.analyses(), planned.roles(), notes,
                        planned.analysisSeconds(), planned.planningSeconds());
                out.println(String.format(Locale.ROOT, "Matched to %s: %s", reference.getFileName(), match.plan().target().reason()));
            }
            long renderStart = System.nanoTime();
            RenderResult rendered = new Renderer().render(planned.plan(), folder, output, stemsOut);
            double renderSeconds = (System.nanoTime() - renderStart) / 1e9;
            if (planOut != null) {
                MixPlanJson.write(planned.plan(), planOut);
            }
            if (reportOut != null) {
                Files.writeString(reportOut, report(planned, rendered, delivery));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            LoudnessMeasurement m = rendered.measurement();
            out.println(String.format(Locale.ROOT, "Mixed %d stems into %s in %.1f s: %.2f LUFS, %.2f dBTP (%s)",
                    files.size(), output, seconds, m.integratedLufs(), m.truePeakDbtp(),
                    reference == null ? delivery.name() : "reference"));
            for (int i = 0; i < files.size(); i++) {
                RoleDecision role = planned.roles().get(i);
                out.println(String.format(Locale.ROOT, "  %-28s %-15s %3.0f %% (%s)  %s", files.get(i).getFileName(),
                        role.role().planName(), role.confidence() * 100, role.source(), planned.plan().tracks().get(i).gain().reason()));
            }
            out.println(String.format(Locale.ROOT, "  time: analysis %.1f s (decoding included), planning %.1f s"
                    + " (refinement passes through each strip), render %.1f s (decoding, mixing, loudness pass, limiter,"
                    + " encoding)", planned.analysisSeconds(), planned.planningSeconds(), renderSeconds));
            planned.notes().forEach(note -> out.println("Note: " + note));
            rendered.notes().forEach(note -> out.println("Note: " + note));
            return 0;
        } catch (RenderException | AudioFileException e) {
            err.println("neuromix mix: " + e.getMessage());
            return NeuroMixCli.EXIT_BAD_INPUT;
        } catch (MixPlanException e) {
            throw new IllegalStateException("the planner produced an invalid plan: " + e.getMessage(), e);
        }
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
