package org.neuromix.engine.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.sound.midi.InvalidMidiDataException;
import javax.sound.midi.MetaMessage;
import javax.sound.midi.MidiEvent;
import javax.sound.midi.MidiMessage;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Track;

import org.neuromix.engine.analysis.Role;

/**
 * A musician's Standard MIDI File split into the parts a multitrack session would have: one part
 * per channel and program on the melodic channels, and the General MIDI drum channel split into
 * kick, snare, toms, hi-hat and cymbals, and other percussion. Every part keeps its channel's
 * messages as written — program and bank changes, volume (CC7), expression (CC11), pan (CC10),
 * sustain, pitch bend, pressure — and its notes with their velocities, so rendering the parts
 * separately and summing them sounds like the song, and each part's level in that sum is the
 * balance the musician wrote. Times follow the file's tempo map (or its SMPTE time base).
 */
public record MidiSong(Path file, List<Part> parts, double lengthSeconds) {
    /** Parts with fewer notes than this are left out: a stray note is no stem. */
    static final int MIN_NOTES = 4;

    /**
     * One part: its name (the GM instrument or kit piece), role, channel and program as written
     * (program −1 for drums), the messages to render it, its note count, and its pan as written
     * (CC10 before its first note, −1 … +1; 0 when the file sets none), and for a drum part its kit
     * piece ({@link #kitPiece}; −1 for melodic parts).
     */
    public record Part(String name, Role role, int channel, int program, List<GervillRenderer.TimedMessage> messages,
                       int notes, double panPosition, int kitPiece) {
    }

    /**
     * Reads a MIDI file, keeping what sounds in the first {@code maxSeconds}.
     *
     * @throws IOException with a one-line message when the file is not a readable Standard MIDI File
     */
    public static MidiSong read(Path file, double maxSeconds) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such file");
        }
        Sequence sequence;
        try {
            sequence = MidiSystem.getSequence(file.toFile());
        } catch (InvalidMidiDataException | RuntimeException e) {
            throw new IOException(file + ": not a Standard MIDI File");
        }
        TempoMap tempo = new TempoMap(sequence);
        long endMicros = Math.round(maxSeconds * 1e6);
        List<MidiEvent> events = new ArrayList<>();
        for (Track track : sequence.getTracks()) {
            for (int i = 0; i < track.size(); i++) {
                if (track.get(i).getMessage() instanceof ShortMessage) {
                    events.add(track.get(i));
                }
            }
        }
        // Stable by tick: within a tick the tracks' order is kept, as a sequencer plays them.
        events.sort(java.util.Comparator.comparingLong(MidiEvent::getTick));
        int[] program = new int[16];
        int[] pan = new int[16];
        java.util.Arrays.fill(pan, -1);
        Map<String, PartBuilder> parts = new LinkedHashMap<>();
        Map<Integer, List<GervillRenderer.TimedMessage>> channelMessages = new HashMap<>();
        Map<Integer, Deque<PartBuilder>> sounding = new HashMap<>();
        long lastMicros = 0;
        for (MidiEvent event : events) {
            ShortMessage message = (ShortMessage) event.getMessage();
            long micros = tempo.micros(event.getTick());
            if (micros > endMicros) {
                break;
            }
            int channel = message.getChannel();
            int command = message.getCommand();
            boolean noteOn = command == ShortMessage.NOTE_ON && message.getData2() > 0;
            boolean noteOff = command == ShortMessage.NOTE_OFF || (command == ShortMessage.NOTE_ON && message.getData2() == 0);
            if (noteOn) {
                int pitch = message.getData1();
                String key = channel == 9 ? "9:" + kitPiece(pitch) : channel + ":" + program[channel];
                int partProgram = channel == 9 ? -1 : program[channel];
                int partPan = pan[channel];
                PartBuilder part = parts.computeIfAbsent(key, k -> new PartBuilder(channel, partProgram, pitch, partPan));
                part.messages.add(new GervillRenderer.TimedMessage(copy(message), micros, 2));
                part.notes++;
                sounding.computeIfAbsent(channel * 128 + pitch, k -> new ArrayDeque<>()).addLast(part);
                lastMicros = Math.max(lastMicros, micros);
            } else if (noteOff) {
                Deque<PartBuilder> open = sounding.get(channel * 128 + message.getData1());
                if (open != null && !open.isEmpty()) {
                    open.removeFirst().messages.add(new GervillRenderer.TimedMessage(copy(message), micros, 1));
                    lastMicros = Math.max(lastMicros, micros);
                }
            } else {
                if (command == ShortMessage.PROGRAM_CHANGE) {
                    program[channel] = message.getData1();
                } else if (command == ShortMessage.CONTROL_CHANGE && message.getData1() == 10) {
                    pan[channel] = message.getData2();
                }
                channelMessages.computeIfAbsent(channel, k -> new ArrayList<>())
                        .add(new GervillRenderer.TimedMessage(copy(message), micros, 0));
            }
        }
        List<Part> result = new ArrayList<>();
        for (PartBuilder part : parts.values()) {
            if (part.notes < MIN_NOTES) {
                continue;
            }
            List<GervillRenderer.TimedMessage> messages = new ArrayList<>(channelMessages.getOrDefault(part.channel, List.of()));
            messages.addAll(part.messages);
            messages.sort(GervillRenderer.TimedMessage.IN_TIME);
            boolean drums = part.channel == 9;
            String name = drums ? kitPieceName(kitPiece(part.firstPitch)) : GeneralMidi.programName(part.program);
            Role role = drums ? kitPieceRole(kitPiece(part.firstPitch)) : GeneralMidi.role(part.program);
            double panPosition = part.pan < 0 ? 0 : Math.max(-1, Math.min(1, (part.pan - 64) / 63.0));
            result.add(new Part(name, role, part.channel, part.program, List.copyOf(messages), part.notes, panPosition,
                    drums ? kitPiece(part.firstPitch) : -1));
        }
        return new MidiSong(file, List.copyOf(result), Math.min(maxSeconds, lastMicros / 1e6));
    }

    private static final class PartBuilder {
        final int channel;
        final int program;
        final int firstPitch;
        final int pan;
        final List<GervillRenderer.TimedMessage> messages = new ArrayList<>();
        int notes;

        PartBuilder(int channel, int program, int firstPitch, int pan) {
            this.channel = channel;
            this.program = program;
            this.firstPitch = firstPitch;
            this.pan = pan;
        }
    }

    private static MidiMessage copy(ShortMessage message) {
        return (MidiMessage) message.clone();
    }

    /** General MIDI percussion key to kit piece: 0 kick, 1 snare, 2 toms, 3 hi-hat and cymbals, 4 other. */
    static int kitPiece(int key) {
        return switch (key) {
            case 35, 36 -> 0;
            case 37, 38, 39, 40 -> 1;
            case 41, 43, 45, 47, 48, 50 -> 2;
            case 42, 44, 46, 49, 51, 52, 53, 55, 57, 59 -> 3;
            default -> 4;
        };
    }

    private static String kitPieceName(int piece) {
        return new String[] {"Kick", "Snare", "Toms", "Hi-Hat and Cymbals", "Percussion"}[piece];
    }

    private static Role kitPieceRole(int piece) {
        return new Role[] {Role.KICK, Role.SNARE, Role.TOMS, Role.HI_HAT_CYMBALS, Role.PERCUSSION}[piece];
    }

    /** Tick to microsecond conversion through every tempo change of every track. */
    static final class TempoMap {
        private final TreeMap<Long, double[]> segments = new TreeMap<>(); // tick -> {micros at tick, micros per tick}
        private final double smpteMicrosPerTick;

        TempoMap(Sequence sequence) {
            float division = sequence.getDivisionType();
            int resolution = Math.max(1, sequence.getResolution());
            if (division != Sequence.PPQ) {
                smpteMicrosPerTick = 1e6 / (division * resolution);
                return;
            }
            smpteMicrosPerTick = 0;
            TreeMap<Long, Integer> changes = new TreeMap<>();
            for (Track track : sequence.getTracks()) {
                for (int i = 0; i < track.size(); i++) {
                    MidiEvent event = track.get(i);
                    if (event.getMessage() instanceof MetaMessage meta && meta.getType() == 0x51 && meta.getData().length == 3) {
                        byte[] d = meta.getData();
                        int microsPerQuarter = ((d[0] & 0xFF) << 16) | ((d[1] & 0xFF) << 8) | (d[2] & 0xFF);
                        if (microsPerQuarter > 0) {
                            changes.put(event.getTick(), microsPerQuarter);
                        }
                    }
                }
            }
            changes.putIfAbsent(0L, 500_000); // 120 BPM until the first tempo event
            double micros = 0;
            long previousTick = 0;
            double previousRate = 0;
            for (Map.Entry<Long, Integer> change : changes.entrySet()) {
                micros += (change.getKey() - previousTick) * previousRate;
                previousTick = change.getKey();
                previousRate = change.getValue() / (double) resolution;
                segments.put(change.getKey(), new double[] {micros, previousRate});
            }
        }

        long micros(long tick) {
            if (segments.isEmpty()) {
                return Math.round(tick * smpteMicrosPerTick);
            }
            Map.Entry<Long, double[]> segment = segments.floorEntry(tick);
            return Math.round(segment.getValue()[0] + (tick - segment.getKey()) * segment.getValue()[1]);
        }
    }
}
