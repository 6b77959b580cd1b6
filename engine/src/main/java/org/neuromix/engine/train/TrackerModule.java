package org.neuromix.engine.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.neuromix.engine.analysis.Role;
import org.neuromix.engine.analysis.RoleFromName;
import org.neuromix.engine.audio.AudioBuffer;

/**
 * A musician's tracker module (MOD, S3M, XM, IT, MPTM) and its parts: the instruments when the
 * module has instruments (XM, IT in instrument mode, MPTM), else its samples (MOD, S3M, IT in
 * sample mode). Each part is rendered on its own by libopenmpt ({@link OpenMpt}) with every other
 * part muted, so the part keeps everything the composer wrote for it — the samples' own levels,
 * per-note volumes, volume slides, envelopes, channel and global volume, panning — and the parts
 * summed sound like the song (the mixer is linear; {@code TrackerSessions} checks the sum for
 * every module). A part's role comes from its name ({@link RoleFromName}): trackers have no
 * program numbers, the composer's name for the sound is the only label.
 */
public final class TrackerModule {
    /** Modules are read whole into memory; the largest game modules are a few MB. */
    public static final long MAX_FILE_BYTES = 64L << 20;
    /**
     * A part is labelled when its name's role guess is at least this sure. One known word scores
     * 0.63-0.78 ({@link RoleFromName}: its share of the votes, 1, times 1 − e^−weight); two words
     * with a clear winner score 0.4 or more ("kick drum" 0.42); an even split between two roles
     * ("French Horn ensemble") scores at most 0.39 and is no label for a balance.
     */
    static final double MIN_NAME_CONFIDENCE = 0.4;
    /** Words tracker names use for the sample file, not the instrument ("samples ripped from", "Pad.loop"). */
    private static final String FILE_WORDS = "(?i)\\b(samples?|sampled|loops?|looped)\\b";
    /** Rendered in blocks this short (5 ms) so every pattern row played is seen, for the note counts. */
    private static final int SONG_BLOCK_FRAMES = 240;
    private static final int PART_BLOCK_FRAMES = 4800;
    /** Pattern note values 1-120 are notes; above are note off, cut and fade. */
    private static final int LAST_NOTE = 120;

    /** One part: its number (1-based instrument or sample number), name, and the role its name gives. */
    public record Part(int number, String name, Role role, double nameConfidence) {
        /** Whether the name says confidently what the part is (else it stays in the mix, unlabelled). */
        public boolean labelled() {
            return nameConfidence >= MIN_NAME_CONFIDENCE;
        }
    }

    /** The whole song rendered, and the notes each part starts in it (by part number − 1). */
    public record Song(AudioBuffer audio, int[] notesByPart) {
    }

    private final Path file;
    private final byte[] bytes;
    private final String format;
    private final boolean hasInstruments;
    private final List<Part> parts;

    private TrackerModule(Path file, byte[] bytes, String format, boolean hasInstruments, List<Part> parts) {
        this.file = file;
        this.bytes = bytes;
        this.format = format;
        this.hasInstruments = hasInstruments;
        this.parts = parts;
    }

    /**
     * Reads a module file and lists its parts.
     *
     * @throws IOException              with a one-line message when the file is missing, too large or
     *                                  not a module libopenmpt reads
     * @throws IllegalArgumentException when the file lies in held-out material
     * @throws IllegalStateException    when libopenmpt is not installed
     */
    public static TrackerModule read(Path file) throws IOException {
        String refusal = HeldOutMaterial.refusal(file);
        if (refusal != null) {
            throw new IllegalArgumentException(refusal);
        }
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such file");
        }
        long size = Files.size(file);
        if (size > MAX_FILE_BYTES) {
            throw new IOException(file + ": " + size + " bytes, more than the " + (MAX_FILE_BYTES >> 20) + " MB a module may have");
        }
        byte[] bytes = Files.readAllBytes(file);
        try (OpenMpt.Module module = OpenMpt.Module.load(bytes, file.toString())) {
            boolean hasInstruments = module.instruments() > 0;
            int count = hasInstruments ? module.instruments() : module.samples();
            List<Part> parts = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String name = (hasInstruments ? module.instrumentName(i) : module.sampleName(i));
                name = name == null ? "" : name.trim();
                // Tracker names are no file names: a dot or slash inside is no extension or folder.
                RoleFromName.Guess guess = RoleFromName.guess(name.replaceAll("[./\\\\]", " ").replaceAll(FILE_WORDS, " "));
                parts.add(new Part(i + 1, name, guess.role(), guess.confidence()));
            }
            return new TrackerModule(file, bytes, module.metadata("type"), hasInstruments, List.copyOf(parts));
        }
    }

    public Path file() {
        return file;
    }

    /** The format libopenmpt found ("mod", "s3m", "xm", "it", "mptm", ...). */
    public String format() {
        return format;
    }

    /** Whether the parts are instruments (else samples). */
    public boolean hasInstruments() {
        return hasInstruments;
    }

    public List<Part> parts() {
        return parts;
    }

    /**
     * Renders the song, every part playing, over its first {@code maxSeconds} (less when it ends
     * sooner), counting the notes each part starts in the rows played.
     */
    public Song renderSong(double maxSeconds) throws IOException {
        int maxFrames = framesFor(maxSeconds);
        float[][] planar = new float[2][maxFrames];
        int[] notes = new int[parts.size()];
        try (OpenMpt.Module module = OpenMpt.Module.load(bytes, file.toString())) {
            int channels = module.channels();
            int[] lastInstrument = new int[channels];
            int lastOrder = -1, lastRow = -1;
            // After the song's end libopenmpt fades out from its restart position: those rows are not played.
            long songEndFrame = Math.round(module.durationSeconds() * OpenMpt.SAMPLE_RATE_HZ);
            float[] block = new float[2 * SONG_BLOCK_FRAMES];
            int done = 0;
            while (done < maxFrames) {
                int rendered = module.read(block, Math.min(SONG_BLOCK_FRAMES, maxFrames - done));
                if (rendered == 0) {
                    break;
                }
                deinterleave(block, rendered, planar, done);
                done += rendered;
                int order = module.currentOrder(), row = module.currentRow();
                if ((order != lastOrder || row != lastRow) && done <= songEndFrame) {
                    countNotes(module, module.orderPattern(order), row, lastInstrument, notes);
                    lastOrder = order;
                    lastRow = row;
                }
            }
            AudioBuffer audio = new AudioBuffer(new float[][] {Arrays.copyOf(planar[0], done), Arrays.copyOf(planar[1], done)});
            return new Song(audio, notes);
        }
    }

    /** Renders {@code part} alone (every other part muted) for {@code frames} frames; silence after the song ends. */
    public AudioBuffer renderPart(Part part, int frames) throws IOException {
        if (!parts.contains(part)) {
            throw new IllegalArgumentException("part " + part.number() + " is not a part of " + file);
        }
        AudioBuffer audio = new AudioBuffer(2, frames);
        try (OpenMpt.Module module = OpenMpt.Module.load(bytes, file.toString())) {
            for (Part other : parts) {
                if (other != part) {
                    module.mutePart(other.number() - 1, true);
                }
            }
            float[] block = new float[2 * PART_BLOCK_FRAMES];
            int done = 0;
            while (done < frames) {
                int rendered = module.read(block, Math.min(PART_BLOCK_FRAMES, frames - done));
                if (rendered == 0) {
                    break;
                }
                deinterleave(block, rendered, audio.planar(), done);
                done += rendered;
            }
        }
        return audio;
    }

    static int framesFor(double seconds) {
        if (!(seconds > 0 && seconds <= MusicianSessions.MAX_EXCERPT_SECONDS)) {
            throw new IllegalArgumentException("the excerpt must be 0-" + (int) MusicianSessions.MAX_EXCERPT_SECONDS
                    + " s, was " + seconds);
        }
        return (int) Math.round(seconds * OpenMpt.SAMPLE_RATE_HZ);
    }

    /** Counts the notes started on one row, each for the instrument (or sample) its channel plays. */
    private void countNotes(OpenMpt.Module module, int pattern, int row, int[] lastInstrument, int[] notes) {
        if (pattern < 0) {
            return;
        }
        for (int channel = 0; channel < lastInstrument.length; channel++) {
            int instrument = module.cell(pattern, row, channel, OpenMpt.COMMAND_INSTRUMENT);
            if (instrument > 0) {
                lastInstrument[channel] = instrument; // a note without an instrument plays the channel's last one
            }
            int note = module.cell(pattern, row, channel, OpenMpt.COMMAND_NOTE);
            int playing = lastInstrument[channel];
            if (note >= 1 && note <= LAST_NOTE && playing >= 1 && playing <= notes.length) {
                notes[playing - 1]++;
            }
        }
    }

    private static void deinterleave(float[] interleaved, int frames, float[][] planar, int offset) {
        for (int f = 0; f < frames; f++) {
            planar[0][offset + f] = interleaved[2 * f];
            planar[1][offset + f] = interleaved[2 * f + 1];
        }
    }
}
