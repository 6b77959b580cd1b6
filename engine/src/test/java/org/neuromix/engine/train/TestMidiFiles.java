package org.neuromix.engine.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.sound.midi.InvalidMidiDataException;
import javax.sound.midi.MetaMessage;
import javax.sound.midi.MidiEvent;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Track;

/** Small Standard MIDI Files written by the tests: what a musician's song file holds, made to order. */
final class TestMidiFiles {
    static final int RESOLUTION = 480;

    private TestMidiFiles() {
    }

    /** A part: channel, program (ignored on channel 10), CC7 volume, CC10 pan, velocity, pitches played in turn. */
    record Part(int channel, int program, int volume, int pan, int velocity, int[] pitches) {
    }

    /**
     * Writes a type-1 file: a tempo of {@code bpm} in its first track, then one track per part
     * playing eighth notes for {@code bars} bars of 4/4 (a tempo change to twice as fast halfway).
     */
    static Path write(Path file, double bpm, int bars, boolean tempoChange, Part... parts) throws IOException {
        try {
            Sequence sequence = new Sequence(Sequence.PPQ, RESOLUTION);
            Track conductor = sequence.createTrack();
            conductor.add(tempo(bpm, 0));
            if (tempoChange) {
                conductor.add(tempo(bpm * 2, (long) bars * 4 * RESOLUTION / 2));
            }
            for (Part part : parts) {
                Track track = sequence.createTrack();
                int ch = part.channel();
                track.add(new MidiEvent(new ShortMessage(ShortMessage.PROGRAM_CHANGE, ch, Math.max(0, part.program()), 0), 0));
                track.add(new MidiEvent(new ShortMessage(ShortMessage.CONTROL_CHANGE, ch, 7, part.volume()), 0));
                track.add(new MidiEvent(new ShortMessage(ShortMessage.CONTROL_CHANGE, ch, 10, part.pan()), 0));
                long step = RESOLUTION / 2;
                int notes = bars * 8;
                for (int n = 0; n < notes; n++) {
                    int pitch = part.pitches()[n % part.pitches().length];
                    track.add(new MidiEvent(new ShortMessage(ShortMessage.NOTE_ON, ch, pitch, part.velocity()), n * step));
                    track.add(new MidiEvent(new ShortMessage(ShortMessage.NOTE_OFF, ch, pitch, 0), n * step + step - 10));
                }
            }
            Files.createDirectories(file.toAbsolutePath().getParent());
            MidiSystem.write(sequence, 1, file.toFile());
            return file;
        } catch (InvalidMidiDataException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MidiEvent tempo(double bpm, long tick) throws InvalidMidiDataException {
        int micros = (int) Math.round(60e6 / bpm);
        byte[] data = {(byte) (micros >> 16), (byte) (micros >> 8), (byte) micros};
        return new MidiEvent(new MetaMessage(0x51, data, 3), tick);
    }
}
