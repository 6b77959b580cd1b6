package org.neuromix.engine.daw;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.neuromix.engine.io.AudioFileException;
import org.neuromix.engine.io.AudioReader;
import org.neuromix.engine.plan.MixPlan;
import org.neuromix.engine.plan.MixPlanException;
import org.neuromix.engine.render.DawItems;
import org.neuromix.engine.render.RenderException;
import org.neuromix.engine.render.RenderResult;
import org.neuromix.engine.render.Renderer;

/**
 * A mix plan as a REAPER session: renders the plan once with {@link DawItems}, moves each item into
 * {@code audio/} under the stem's name and writes the {@code .rpp} beside it ({@link ReaperProject}).
 * The folder then holds everything a musician opens in REAPER; the bus sum the items mix down to is
 * returned separately (it is the reference, not part of the session).
 */
public final class ReaperExport {
    public static final String AUDIO_FOLDER = "audio";

    private ReaperExport() {
    }

    /** What was written: the project file, its audio files, and the bus sum they mix down to (outside {@code folder}). */
    public record Result(Path project, List<Path> audio, Path busSum, RenderResult render) {
    }

    /**
     * @param folder  an empty or new folder for the session
     * @param scratch a folder for the render's own files; the bus sum is left there
     * @param title   the project's file name without extension (made safe here)
     */
    public static Result export(MixPlan plan, Path stemsDirectory, Path folder, Path scratch, String title, int threads)
            throws IOException, AudioFileException, MixPlanException, RenderException {
        return export(plan, plan, stemsDirectory, folder, scratch, title, threads);
    }

    /**
     * As {@link #export(MixPlan, Path, Path, Path, String, int)} for a plan rendered from kept sources:
     * {@code rendered} is what the renderer runs (its stems are the sources' names), {@code described}
     * the plan the musician sees (the same tracks in the same order, with the stems' own names and
     * every move), which names the tracks and fills the notes.
     */
    public static Result export(MixPlan rendered, MixPlan described, Path stemsDirectory, Path folder, Path scratch, String title,
                                int threads) throws IOException, AudioFileException, MixPlanException, RenderException {
        if (rendered.tracks().size() != described.tracks().size()) {
            throw new IllegalArgumentException("the described plan has " + described.tracks().size() + " tracks, the rendered one "
                    + rendered.tracks().size());
        }
        Path items = Files.createDirectories(scratch.resolve("daw-items"));
        RenderResult render = new Renderer(threads).render(rendered, stemsDirectory, scratch.resolve("mix.wav"), null, null, items);
        Files.deleteIfExists(scratch.resolve("mix.wav"));
        return fromItems(rendered, described, items, render, folder, title);
    }

    /**
     * The session from a render that already wrote its {@link DawItems} into {@code items} (a mix
     * rendered with them, e.g. by {@code neuromix render --reaper}); the items are moved into
     * {@code folder}, the bus sum stays in {@code items}.
     */
    public static Result fromItems(MixPlan rendered, MixPlan described, Path items, RenderResult render, Path folder, String title)
            throws IOException, AudioFileException {
        MixPlan plan = rendered;
        Files.createDirectories(folder);
        Path audio = Files.createDirectories(folder.resolve(AUDIO_FOLDER));
        int rate = plan.target().sampleRateHz();
        double seconds = render.frames() / (double) rate;
        List<ReaperProject.Track> tracks = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        List<String> used = new ArrayList<>();
        for (int i = 0; i < plan.tracks().size(); i++) {
            MixPlan.TrackPlan track = plan.tracks().get(i);
            String name = baseName(described.tracks().get(i).stem());
            double volume = Math.pow(10, track.gain().gainDb() / 20);
            if (track.muted()) {
                tracks.add(new ReaperProject.Track(name, volume, track.pan().position(), true, track.gain().polarityInverted(),
                        true, null, 0));
                continue;
            }
            String fileName = Renderer.uniqueName(String.format(Locale.ROOT, "%02d %s.wav", i + 1, safe(name)), used);
            Path file = audio.resolve(fileName);
            Files.move(items.resolve(DawItems.trackFile(i)), file, StandardCopyOption.REPLACE_EXISTING);
            boolean mono;
            try (AudioReader reader = AudioReader.open(file)) {
                mono = reader.channels() == 1;
            }
            files.add(file);
            tracks.add(new ReaperProject.Track(name, volume, track.pan().position(), mono, track.gain().polarityInverted(),
                    false, AUDIO_FOLDER + "/" + fileName, seconds));
        }
        for (int b = 0; b < plan.buses().size(); b++) {
            MixPlan.BusPlan bus = plan.buses().get(b);
            String name = "Reverb return (" + bus.id() + ")";
            String fileName = Renderer.uniqueName(String.format(Locale.ROOT, "%02d %s.wav", plan.tracks().size() + b + 1, safe(name)), used);
            Path file = audio.resolve(fileName);
            Files.move(items.resolve(DawItems.busFile(b)), file, StandardCopyOption.REPLACE_EXISTING);
            files.add(file);
            tracks.add(new ReaperProject.Track(name, Math.pow(10, bus.returnGainDb() / 20), 0, false, false, false,
                    AUDIO_FOLDER + "/" + fileName, seconds));
        }
        List<String> notes = new ArrayList<>();
        notes.add("NeuroMix session: " + title);
        notes.addAll(ReaperProject.planNotes(described));
        Path project = folder.resolve(safe(title) + ".rpp");
        Files.writeString(project, ReaperProject.write(rate, tracks, notes));
        return new Result(project, List.copyOf(files), items.resolve(DawItems.BUS_SUM_FILE), render);
    }

    static String baseName(String stem) {
        String name = Path.of(stem).getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** Letters, digits, spaces, dots, dashes and underscores: a file name every system and zip tool accepts. */
    static String safe(String name) {
        String safe = name.replaceAll("[^\\p{L}\\p{N} ._()-]", "_").strip();
        return safe.isEmpty() ? "track" : safe.length() > 80 ? safe.substring(0, 80) : safe;
    }
}
