package org.neuromix.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.neuromix.engine.train.GervillRenderer;
import org.neuromix.engine.train.KitSessions;
import org.neuromix.engine.train.MusicianSessions;
import org.neuromix.engine.planner.RoleClassifier;
import org.neuromix.engine.train.TrackerSessions;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code neuromix build-sessions}: musicians' MIDI songs into multitrack sessions with the balance they wrote. */
@Command(name = "build-sessions",
        mixinStandardHelpOptions = true,
        description = {
            "Turn musicians' MIDI songs into multitrack training sessions: every part rendered on its own with",
            "each named sound bank, its level as the musician wrote it (velocities, CC7, CC11), and its loudness",
            "relative to the whole song stored as the reference balance; each stem then gets a seeded domain",
            "randomisation (tilt, saturation, width, noise) at the same loudness. Held-out packages and banks",
            "are refused by path. Output: DIR/<package>/<song>--<bank>/ with FLAC stems and session.json.",
            "",
            "Default songs (those installed): " + BuildSessionsCommand.DEFAULT_SONGS_TEXT,
            "Default banks: the pinned JDK bank, plus opl3-soundfont and csound-soundfont where installed.",
            "",
            "Each song whose kit pieces were rendered apart also gets a whole-kit session: kick, snare, toms and",
            "cymbals summed into one drum stem at the loudness they sum to, the other stems as they were, in",
            "DIR/<package>/kit/<song>--<bank>/ (the stems hard-linked).",
            "",
            "Tracker modules (MOD, S3M, XM, IT, MPTM) are built alongside: each instrument or sample rendered alone",
            "by libopenmpt (Debian libopenmpt0) with the composer's own samples and volumes, labelled by its name",
            "or else by its sound (a role classifier fitted on the songs built first),",
            "into DIR/<package>/<module>--tracker/. Default modules (those installed): "
                    + BuildSessionsCommand.DEFAULT_MODULES_TEXT,
            "",
            "Exit codes: 0 built; 2 bad input; 1 internal error."
        })
final class BuildSessionsCommand implements Callable<Integer> {
    /** Debian packages with musician-made MIDI songs (none of them held out), by where they install them. */
    static final List<Path> DEFAULT_SONGS = List.of(
            Path.of("/usr/share/games/simutrans/music"),       // simutrans-data
            Path.of("/usr/share/games/dink/dink/Sound"),       // freedink-data
            Path.of("/usr/share/mma"),                         // mma: its grooves' demo songs
            Path.of("/usr/share/doc/mma/examples"),            // mma: its example songs
            Path.of("/usr/share/faust/examples"),              // faust-common
            Path.of("/usr/share/doc/pianobooster"),            // pianobooster
            Path.of("/usr/share/songwrite3/data"),             // songwrite
            Path.of("/usr/share/kobo-deluxe"),                 // kobodeluxe-data
            Path.of("/usr/share/games/crimson/music"),         // crimson
            Path.of("/usr/share/doc/chuck-data"),              // chuck-data
            Path.of("/usr/share/games/liquidwar"),             // liquidwar-data
            Path.of("/usr/share/perl5/auto/share/dist/Games-PangZero"), // pangzero
            Path.of("/usr/share/games/pinball"));              // pinball-table-hurd-data
    static final String DEFAULT_SONGS_TEXT = "simutrans-data, freedink-data, mma, faust-common, pianobooster, songwrite,"
            + " kobodeluxe-data, crimson, chuck-data, liquidwar-data, pangzero, pinball-table-hurd-data.";
    /**
     * Debian packages with musician-made tracker modules (none of them held out), by where they
     * install them. Not phast: its .mod files are phylogenetic models, not music.
     */
    static final List<Path> DEFAULT_MODULES = List.of(
            Path.of("/usr/share/games/pingus/data/music"),        // pingus-data: 19 IT, 1 S3M
            Path.of("/usr/share/games/tecnoballz/musics"),        // tecnoballz-data: 15 MOD
            Path.of("/usr/share/games/pekka-kana-2/data/music"),  // pekka-kana-2-data: 15 XM
            Path.of("/usr/share/games/gl-117/music"),             // gl-117-data: 8 S3M
            Path.of("/usr/share/games/freedroid/sound"),          // freedroid-data: 8 MOD
            Path.of("/usr/share/games/biniax2/music"),            // biniax2-data: 8 IT
            Path.of("/usr/share/games/bomberclone/music"),        // bomberclone-data: 5 XM, 1 MOD
            Path.of("/usr/share/games/rafkill/music"),            // rafkill-data: 5 XM
            Path.of("/usr/share/games/rafkill/data/intro.mod"),   // rafkill-data: 1 MOD
            Path.of("/usr/share/pachi/music"),                    // pachi-data: 5 S3M
            Path.of("/usr/share/games/madbomber/music"),          // madbomber-data: 3 MOD, 1 S3M, 1 IT
            Path.of("/usr/share/games/circuslinux/data/music"));  // circuslinux-data: 5 MOD
    static final String DEFAULT_MODULES_TEXT = "pingus-data, tecnoballz-data, pekka-kana-2-data, gl-117-data, freedroid-data,"
            + " biniax2-data, bomberclone-data, rafkill-data, pachi-data, madbomber-data, circuslinux-data.";
    static final List<Path> DEFAULT_BANKS = List.of(Path.of("/usr/share/sounds/sf2/OPL-3_FM_128M.sf2"),
            Path.of("/usr/share/sounds/sf2/sf_GMbank.sf2"));

    @Option(names = "--songs", paramLabel = "PATH", split = ",",
            description = "MIDI files or folders (default: the installed packages listed above).")
    List<Path> songs;

    @Option(names = "--modules", paramLabel = "PATH", split = ",",
            description = "Tracker module files or folders (default: the installed packages listed above).")
    List<Path> modules;

    @Option(names = "--no-modules", description = "Build no tracker module sessions.")
    boolean noModules;

    @Option(names = "--modules-only", description = "Build the tracker module sessions alone, beside the songs' sessions"
            + " already in DIR (their role classifier labels the parts whose names say nothing).")
    boolean modulesOnly;

    @Option(names = "--soundfont", paramLabel = "FILE.sf2",
            description = "A bank to render with (repeatable; default: the pinned bank and the installed defaults).")
    List<Path> soundfonts;

    @Option(names = "--no-pinned", description = "Leave the pinned JDK bank out.")
    boolean noPinned;

    @Option(names = "--pinned-only", description = "Render with the pinned JDK bank alone (no installed defaults).")
    boolean pinnedOnly;

    @Option(names = "--vocals", defaultValue = "also", paramLabel = "also|only|none",
            description = "Sung versions of the songs with a melody: the melody sung as the lead vocal and the choir"
                    + " parts as backing vocals, at the levels written for the parts they replace, in DIR/<package>/sung/"
                    + " (default: ${DEFAULT-VALUE}).")
    String vocals;

    @Option(names = "--seconds", defaultValue = "45", paramLabel = "S",
            description = "Excerpt length from each song's start, 5-300 s (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to write the sessions (outside the repository).")
    Path out;

    @Mixin
    OutputOptions outputOptions;

    @Spec
    CommandSpec spec;

    /** What the JSON object of --json reports: one entry per kind of source built. */
    private final List<Map<String, Object>> built = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        ServiceStorageGuard guard = ServiceStorageGuard.fromEnvironment();
        String refusal = guard.refusal("--out", out);
        if (refusal != null) {
            err.println("neuromix build-sessions: " + refusal);
            return NeuroMixCli.EXIT_BAD_INPUT;
        }
        Path checkout = insideACheckout(out);
        if (checkout != null) {
            err.println("neuromix build-sessions: --out " + out + " is inside the NeuroMix source tree " + checkout
                    + ": sessions are data, keep them outside the repository");
            return NeuroMixCli.EXIT_BAD_INPUT;
        }
        MusicianSessions.Vocals vocalsChoice = switch (vocals == null ? "" : vocals.toLowerCase(Locale.ROOT)) {
            case "also" -> MusicianSessions.Vocals.ALSO;
            case "only" -> MusicianSessions.Vocals.ONLY;
            case "none" -> MusicianSessions.Vocals.NONE;
            default -> null;
        };
        if (vocalsChoice == null) {
            err.println("neuromix build-sessions: --vocals is also, only or none, was " + vocals);
            return NeuroMixCli.EXIT_BAD_INPUT;
        }
        if (modulesOnly) {
            if (noModules || songs != null || soundfonts != null || noPinned || pinnedOnly) {
                err.println("neuromix build-sessions: --modules-only goes with none of --no-modules, --songs, --soundfont,"
                        + " --no-pinned, --pinned-only");
                return NeuroMixCli.EXIT_BAD_INPUT;
            }
            try {
                List<MusicianSessions.Source> moduleSources = findModules(guard, err);
                if (moduleSources == null || moduleSources.isEmpty()) {
                    if (moduleSources != null) {
                        err.println("neuromix build-sessions: no tracker modules: install some of " + DEFAULT_MODULES_TEXT
                                + " or give --modules");
                    }
                    return NeuroMixCli.EXIT_BAD_INPUT;
                }
                long start = System.nanoTime();
                Progress progress = outputOptions.progress();
                int status = buildModules(moduleSources, progress, err, 0);
                progress.finish();
                return finish(status, start);
            } catch (IllegalArgumentException e) {
                err.println("neuromix build-sessions: " + e.getMessage());
                return NeuroMixCli.EXIT_BAD_INPUT;
            }
        }
        List<Path> roots = songs != null ? songs : DEFAULT_SONGS.stream().filter(Files::exists).toList();
        for (Path root : roots) {
            String storage = guard.refusal("--songs", root);
            if (storage != null) {
                err.println("neuromix build-sessions: " + storage);
                return NeuroMixCli.EXIT_BAD_INPUT;
            }
        }
        if (roots.isEmpty()) {
            err.println("neuromix build-sessions: no songs: install some of " + DEFAULT_SONGS_TEXT + " or give --songs");
            return NeuroMixCli.EXIT_BAD_INPUT;
        }
        try {
            List<MusicianSessions.Bank> banks = new ArrayList<>();
            if (!noPinned) {
                banks.add(new MusicianSessions.Bank("jdk", GervillRenderer.pinned()));
            }
            if (pinnedOnly && (noPinned || soundfonts != null)) {
                err.println("neuromix build-sessions: --pinned-only goes with neither --no-pinned nor --soundfont");
                return NeuroMixCli.EXIT_BAD_INPUT;
            }
            List<Path> bankFiles = pinnedOnly ? List.of()
                    : soundfonts != null ? soundfonts : DEFAULT_BANKS.stream().filter(Files::isRegularFile).toList();
            if (noPinned && bankFiles.isEmpty()) {
                err.println("neuromix build-sessions: --no-pinned leaves no bank: give --soundfont");
                return NeuroMixCli.EXIT_BAD_INPUT;
            }
            for (Path file : bankFiles) {
                GervillRenderer renderer = ServiceStorageGuard.generatorRenderer("build-sessions", err, file);
                if (renderer == null) {
                    return NeuroMixCli.EXIT_BAD_INPUT;
                }
                banks.add(new MusicianSessions.Bank(tag(file), renderer));
            }
            List<MusicianSessions.Source> sources = MusicianSessions.find(roots);
            if (sources.isEmpty()) {
                err.println("neuromix build-sessions: no MIDI files (.mid, .midi, .kar) under " + roots);
                return NeuroMixCli.EXIT_BAD_INPUT;
            }
            List<MusicianSessions.Source> moduleSources = findModules(guard, err);
            if (moduleSources == null) {
                return NeuroMixCli.EXIT_BAD_INPUT;
            }
            long start = System.nanoTime();
            Progress progress = outputOptions.progress();
            MusicianSessions.Built songs;
            try {
                songs = MusicianSessions.build(sources, banks, seconds, vocalsChoice, out,
                        line -> progress.note("build-sessions: " + line), progress.part(0, moduleSources.isEmpty() ? 1 : 0.9));
            } catch (IllegalArgumentException e) {
                progress.abandon();
                throw e;
            }
            for (String note : songs.skipped()) {
                progress.note("neuromix build-sessions: skipped " + note);
            }
            report("midi", songs, sources.size(), banks.size(), start);
            long kitStart = System.nanoTime();
            KitSessions.Derived kits = KitSessions.derive(out, line -> progress.note("build-sessions: " + line));
            for (String note : kits.skipped()) {
                progress.note("neuromix build-sessions: skipped a kit session: " + note);
            }
            reportKits(kits, kitStart);
            int status = moduleSources.isEmpty() ? 0 : buildModules(moduleSources, progress, err, 0.9);
            progress.finish();
            return finish(status, start);
        } catch (IllegalArgumentException e) {
            err.println("neuromix build-sessions: " + e.getMessage());
            return NeuroMixCli.EXIT_BAD_INPUT;
        }
    }

    /** Says what was built (and, with --json, prints it); returns {@code status}. */
    private int finish(int status, long startNanos) {
        built.forEach(entry -> outputOptions.say(String.valueOf(entry.get("summary"))));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("out", out.toAbsolutePath().normalize().toString());
        json.put("built", built);
        json.put("timings", Map.of("totalSeconds", OutputOptions.secondsSince(startNanos)));
        outputOptions.printJson(json);
        return status;
    }

    /** One part of the build for the summary line and the JSON object. */
    private void report(String kind, MusicianSessions.Built result, int sources, int banks, long startNanos) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("kind", kind);
        entry.put("sessions", result.sessions());
        entry.put("stems", result.stems());
        entry.put("sources", sources);
        entry.put("banks", banks);
        entry.put("skipped", result.skipped());
        entry.put("seconds", OutputOptions.secondsSince(startNanos));
        entry.put("summary", kind.equals("midi")
                ? String.format(Locale.ROOT, "Built %d sessions (%d stems) from %d songs with %d banks in %.0f s into %s",
                        result.sessions(), result.stems(), sources, banks, (System.nanoTime() - startNanos) / 1e9, out)
                : String.format(Locale.ROOT, "Built %d sessions (%d stems) from %d tracker modules in %.0f s into %s",
                        result.sessions(), result.stems(), sources, (System.nanoTime() - startNanos) / 1e9, out));
        built.add(entry);
    }

    /** The whole-kit sessions derived from the songs, for the summary line and the JSON object. */
    private void reportKits(KitSessions.Derived kits, long startNanos) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("kind", "kit");
        entry.put("sessions", kits.sessions());
        entry.put("upToDate", kits.kept());
        entry.put("skipped", kits.skipped());
        entry.put("seconds", OutputOptions.secondsSince(startNanos));
        entry.put("summary", String.format(Locale.ROOT, "Derived %d whole-kit drum sessions (%d already up to date) in %.0f s",
                kits.sessions(), kits.kept(), (System.nanoTime() - startNanos) / 1e9));
        built.add(entry);
    }

    /** The tracker modules to build (none with --no-modules), or null after a one-line refusal. */
    private List<MusicianSessions.Source> findModules(ServiceStorageGuard guard, PrintWriter err) throws IOException {
        if (noModules) {
            if (modules != null) {
                err.println("neuromix build-sessions: --no-modules goes without --modules");
                return null;
            }
            return List.of();
        }
        List<Path> roots = modules != null ? modules : DEFAULT_MODULES.stream().filter(Files::exists).toList();
        for (Path root : roots) {
            String storage = guard.refusal("--modules", root);
            if (storage != null) {
                err.println("neuromix build-sessions: " + storage);
                return null;
            }
        }
        List<MusicianSessions.Source> sources = TrackerSessions.find(roots);
        if (sources.isEmpty()) {
            err.println("neuromix build-sessions: no tracker modules (.mod, .s3m, .xm, .it, .mptm) under " + roots
                    + (modules != null ? "" : ": install some of " + DEFAULT_MODULES_TEXT + " or give --modules"));
            return modules != null ? null : List.of();
        }
        return sources;
    }

    /** The tracker modules' sessions, beside the songs'. A missing libopenmpt only fails when --modules asked for them. */
    private int buildModules(List<MusicianSessions.Source> sources, Progress progress, PrintWriter err, double from)
            throws IOException {
        long start = System.nanoTime();
        MusicianSessions.Built modulesBuilt;
        try {
            // Parts whose names say nothing are labelled by their sound, by a classifier of the songs built above.
            progress.progress("fitting the role classifier on the songs", Double.NaN);
            RoleClassifier bySound = TrackerSessions.soundLabeller(out, line -> progress.note("build-sessions: " + line));
            modulesBuilt = TrackerSessions.build(sources, seconds, out, line -> progress.note("build-sessions: " + line),
                    progress.part(from, 1), bySound);
        } catch (IllegalStateException e) { // libopenmpt missing
            progress.note("neuromix build-sessions: " + (modules != null ? "" : "tracker modules left out: ") + e.getMessage());
            return modules != null || modulesOnly ? NeuroMixCli.EXIT_BAD_INPUT : 0;
        }
        for (String note : modulesBuilt.skipped()) {
            progress.note("neuromix build-sessions: skipped " + note);
        }
        report("tracker", modulesBuilt, sources.size(), 0, start);
        return 0;
    }

    /** The NeuroMix source tree (a folder with engine/pom.xml and app/pom.xml) that holds {@code path}, or null. */
    static Path insideACheckout(Path path) {
        for (Path folder = path.toAbsolutePath().normalize(); folder != null; folder = folder.getParent()) {
            if (Files.isRegularFile(folder.resolve("engine/pom.xml")) && Files.isRegularFile(folder.resolve("app/pom.xml"))) {
                return folder;
            }
        }
        return null;
    }

    /** A short folder tag for a bank file: letters and digits of its name, before the extension. */
    static String tag(Path file) {
        String name = file.getFileName().toString().replaceAll("\\.[^.]*$", "").toLowerCase(Locale.ROOT);
        if (name.startsWith("opl")) {
            return "opl3";
        }
        if (name.startsWith("sf_gmbank")) {
            return "csound";
        }
        String tag = name.replaceAll("[^a-z0-9]", "");
        return tag.isEmpty() ? "bank" : tag;
    }
}
