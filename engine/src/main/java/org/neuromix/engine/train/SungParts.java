package org.neuromix.engine.train;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.sound.midi.ShortMessage;

import org.neuromix.engine.analysis.Role;
import org.neuromix.engine.audio.AudioBuffer;

/**
 * Sung versions of musicians' MIDI songs: the melody sung as a lead vocal and the GM choir parts
 * sung as backing vocals ({@link SingingVoice}), at the level the musician wrote for the part they
 * replace — its velocities, CC7 volume and CC11 expression over time, and the replaced program's
 * consensus preset level ({@link BankCalibration}) — so a sung session keeps the musician's
 * balance and gives the models lead and backing vocal stems with it.
 *
 * <p>The melody is the highest mostly monophonic melodic part with enough notes: not drums, not a
 * bass program, at least {@value #MIN_MELODY_NOTES} notes, under {@value #MAX_OVERLAP_SHARE} of
 * its note time overlapping another of its notes. Sung notes are moved by octaves into the
 * voice's range (lead median 60-71, backing 55-66): a singer sings the tune, not the flute's octave.
 */
public final class SungParts {
    static final int MIN_MELODY_NOTES = 16;
    static final double MAX_OVERLAP_SHARE = 0.15;
    static final int MIN_MELODY_MEDIAN_PITCH = 55;

    private SungParts() {
    }

    /** What a part becomes in a sung session: sung as a lead, sung as backing, or played as written. */
    public enum Sung { LEAD, BACKING, PLAYED }

    /** For each part of the song, whether it is sung; all {@link Sung#PLAYED} when the song has no melody to sing. */
    public static List<Sung> plan(MidiSong song) {
        int melody = -1;
        double highest = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < song.parts().size(); i++) {
            MidiSong.Part part = song.parts().get(i);
            if (part.kitPiece() >= 0 || part.program() < 0 || (part.program() >= 32 && part.program() <= 39) || isChoir(part)) {
                continue;
            }
            List<SingingVoice.Note> notes = notes(part);
            if (notes.size() < MIN_MELODY_NOTES || overlapShare(notes) > MAX_OVERLAP_SHARE) {
                continue;
            }
            double median = medianPitch(notes);
            if (median >= MIN_MELODY_MEDIAN_PITCH && median > highest) {
                highest = median;
                melody = i;
            }
        }
        List<Sung> plan = new ArrayList<>();
        for (int i = 0; i < song.parts().size(); i++) {
            MidiSong.Part part = song.parts().get(i);
            plan.add(melody < 0 ? Sung.PLAYED : i == melody ? Sung.LEAD : isChoir(part) ? Sung.BACKING : Sung.PLAYED);
        }
        return plan;
    }

    /** The role a sung part plays. */
    public static Role role(Sung sung) {
        return sung == Sung.LEAD ? Role.LEAD_VOCAL : Role.BACKING_VOCAL;
    }

    /** GM's voices: Choir Aahs, Voice Oohs, Synth Voice. */
    static boolean isChoir(MidiSong.Part part) {
        return part.kitPiece() < 0 && part.program() >= 52 && part.program() <= 54;
    }

    /**
     * Sings a part: its notes (moved into the voice's range; a chord split into lines, each its
     * own voice), shaped by the channel's CC7 and CC11 as written (GM: gain (value/127)² each),
     * with {@code gainDb} on top.
     */
    public static AudioBuffer sing(MidiSong.Part part, Sung sung, long seed, int frames, double gainDb) {
        SingingVoice.Kind kind = sung == Sung.LEAD ? SingingVoice.Kind.LEAD : SingingVoice.Kind.BACKING;
        List<SingingVoice.Note> notes = inRange(notes(part), sung == Sung.LEAD ? 60 : 55);
        AudioBuffer audio = new AudioBuffer(2, frames);
        int line = 0;
        for (List<SingingVoice.Note> voice : lines(notes)) {
            AudioBuffer sungLine = SingingVoice.sing(voice, kind, seed + 7919L * line++, frames);
            for (int c = 0; c < 2; c++) {
                float[] sum = audio.channel(c), from = sungLine.channel(c);
                for (int f = 0; f < frames; f++) {
                    sum[f] += from[f];
                }
            }
        }
        double[] envelope = controllerGain(part, frames);
        float gain = (float) Math.pow(10, gainDb / 20);
        for (int c = 0; c < 2; c++) {
            float[] samples = audio.channel(c);
            for (int f = 0; f < frames; f++) {
                samples[f] *= (float) (gain * envelope[f]);
            }
        }
        return audio;
    }

    /** The part's notes in time, with their velocities (note-on to the matching note-off). */
    static List<SingingVoice.Note> notes(MidiSong.Part part) {
        Map<Integer, long[]> open = new HashMap<>(); // pitch -> {start micros, velocity}
        List<SingingVoice.Note> notes = new ArrayList<>();
        for (GervillRenderer.TimedMessage timed : part.messages()) {
            if (!(timed.message() instanceof ShortMessage message)) {
                continue;
            }
            boolean on = message.getCommand() == ShortMessage.NOTE_ON && message.getData2() > 0;
            boolean off = message.getCommand() == ShortMessage.NOTE_OFF
                    || (message.getCommand() == ShortMessage.NOTE_ON && message.getData2() == 0);
            if (on) {
                open.put(message.getData1(), new long[] {timed.microseconds(), message.getData2()});
            } else if (off) {
                long[] start = open.remove(message.getData1());
                if (start != null && timed.microseconds() > start[0]) {
                    notes.add(new SingingVoice.Note(start[0] / 1e6, (timed.microseconds() - start[0]) / 1e6,
                            message.getData1(), (int) start[1]));
                }
            }
        }
        notes.sort(java.util.Comparator.comparingDouble(SingingVoice.Note::startSeconds));
        return notes;
    }

    /** Moves the notes by whole octaves so their median pitch lies in {@code low} … {@code low + 11}. */
    static List<SingingVoice.Note> inRange(List<SingingVoice.Note> notes, int low) {
        if (notes.isEmpty()) {
            return notes;
        }
        int median = (int) Math.round(medianPitch(notes));
        int shift = 0;
        while (median + shift < low) {
            shift += 12;
        }
        while (median + shift > low + 11) {
            shift -= 12;
        }
        int octaves = shift;
        return notes.stream().map(n -> new SingingVoice.Note(n.startSeconds(), n.lengthSeconds(),
                Math.max(0, Math.min(127, n.midiPitch() + octaves)), n.velocity())).toList();
    }

    /** Splits overlapping notes into monophonic lines, each note to the first line free at its start. */
    static List<List<SingingVoice.Note>> lines(List<SingingVoice.Note> notes) {
        List<List<SingingVoice.Note>> lines = new ArrayList<>();
        List<Double> freeAt = new ArrayList<>();
        for (SingingVoice.Note note : notes) {
            int line = -1;
            for (int l = 0; l < lines.size(); l++) {
                if (freeAt.get(l) <= note.startSeconds() + 1e-6) {
                    line = l;
                    break;
                }
            }
            if (line < 0) {
                lines.add(new ArrayList<>());
                freeAt.add(0.0);
                line = lines.size() - 1;
            }
            lines.get(line).add(note);
            freeAt.set(line, note.startSeconds() + note.lengthSeconds());
        }
        return lines;
    }

    static double overlapShare(List<SingingVoice.Note> notes) {
        double total = 0, overlapped = 0, reach = Double.NEGATIVE_INFINITY;
        for (SingingVoice.Note note : notes) {
            double end = note.startSeconds() + note.lengthSeconds();
            total += note.lengthSeconds();
            if (reach > note.startSeconds()) {
                overlapped += Math.min(reach, end) - note.startSeconds();
            }
            reach = Math.max(reach, end);
        }
        return total <= 0 ? 0 : overlapped / total;
    }

    static double medianPitch(List<SingingVoice.Note> notes) {
        int[] pitches = notes.stream().mapToInt(SingingVoice.Note::midiPitch).sorted().toArray();
        return pitches.length == 0 ? Double.NaN : pitches[pitches.length / 2];
    }

    /** The channel's CC7 × CC11 gain per frame as written (GM defaults 100 and 127 until set). */
    static double[] controllerGain(MidiSong.Part part, int frames) {
        TreeMap<Integer, double[]> changes = new TreeMap<>(); // frame -> {cc7, cc11}
        double volume = 100, expression = 127;
        changes.put(0, new double[] {volume, expression});
        for (GervillRenderer.TimedMessage timed : part.messages()) {
            if (timed.message() instanceof ShortMessage message && message.getCommand() == ShortMessage.CONTROL_CHANGE
                    && (message.getData1() == 7 || message.getData1() == 11)) {
                if (message.getData1() == 7) {
                    volume = message.getData2();
                } else {
                    expression = message.getData2();
                }
                int frame = (int) Math.min(frames, Math.round(timed.microseconds() / 1e6 * SingingVoice.SAMPLE_RATE_HZ));
                changes.put(frame, new double[] {volume, expression});
            }
        }
        double[] gain = new double[frames];
        List<Map.Entry<Integer, double[]>> steps = new ArrayList<>(changes.entrySet());
        for (int k = 0; k < steps.size(); k++) {
            double[] values = steps.get(k).getValue();
            int until = k + 1 < steps.size() ? steps.get(k + 1).getKey() : frames;
            java.util.Arrays.fill(gain, Math.min(frames, steps.get(k).getKey()), Math.min(frames, until),
                    Math.pow(values[0] / 127, 2) * Math.pow(values[1] / 127, 2));
        }
        return gain;
    }

    private static final Map<SingingVoice.Kind, Double> PROBE_LUFS = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The voice's loudness on {@link BankCalibration}'s melodic probe (the same notes, velocity
     * 100, CC7 100): what a bank's program probe is compared with.
     */
    static double probeLufs(SingingVoice.Kind kind) {
        return PROBE_LUFS.computeIfAbsent(kind, k -> {
            List<SingingVoice.Note> notes = new ArrayList<>();
            double time = 0.05;
            for (int note : BankCalibration.MELODIC_NOTES) {
                notes.add(new SingingVoice.Note(time, BankCalibration.NOTE_SECONDS, note, BankCalibration.VELOCITY));
                time += BankCalibration.NOTE_SECONDS + BankCalibration.GAP_SECONDS;
            }
            int frames = (int) Math.round((time + GervillRenderer.TAIL_SECONDS) * SingingVoice.SAMPLE_RATE_HZ);
            AudioBuffer audio = SingingVoice.sing(notes, k, 1, frames);
            float cc7 = (float) Math.pow(100 / 127.0, 2);
            for (int c = 0; c < 2; c++) {
                float[] samples = audio.channel(c);
                for (int f = 0; f < samples.length; f++) {
                    samples[f] *= cc7;
                }
            }
            return MusicianSessions.integratedLufs(audio);
        });
    }
}
