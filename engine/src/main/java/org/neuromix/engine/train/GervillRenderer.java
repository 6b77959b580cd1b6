package org.neuromix.engine.train;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sound.midi.InvalidMidiDataException;
import javax.sound.midi.MidiMessage;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.MidiUnavailableException;
import javax.sound.midi.Receiver;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Soundbank;
import javax.sound.midi.Synthesizer;
import javax.sound.sampled.AudioFormat;

import org.neuromix.engine.audio.AudioBuffer;

/**
 * Renders one part of a {@link SongScore} to audio with the JDK's own software synthesizer
 * (Gervill, {@code javax.sound.midi}), offline and faster than real time, through its
 * {@code AudioSynthesizer.openStream} (JDK-internal: the JVM needs
 * {@code --add-exports java.desktop/com.sun.media.sound=ALL-UNNAMED}, which {@code bin/neuromix}
 * and the build pass). The synthesizer's own reverb and chorus are off, so stems are dry, and a
 * General MIDI SoundFont can replace the JDK's built-in bank (e.g. Debian's
 * {@code /usr/share/sounds/sf2/FluidR3_GM.sf2}).
 */
public final class GervillRenderer {
    public static final int SAMPLE_RATE_HZ = 48_000;
    /** Release tail rendered after the last bar. */
    static final double TAIL_SECONDS = 1.5;
    public static final String EXPORT_FLAG = "--add-exports java.desktop/com.sun.media.sound=ALL-UNNAMED";

    private final Soundbank soundbank;

    /** @param soundbank a GM SoundFont, or null for the JDK's built-in bank */
    public GervillRenderer(Soundbank soundbank) {
        this.soundbank = soundbank;
    }

    /**
     * A renderer using the General MIDI SoundFont (SF2) or DLS bank in {@code file}, or the JDK's
     * built-in bank when {@code file} is null.
     *
     * @throws IllegalArgumentException with a one-line message when the file is missing, unreadable,
     *                                  not a sound bank, or has no instruments
     */
    public static GervillRenderer withSoundFont(Path file) {
        if (file == null) {
            return new GervillRenderer(null);
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("SoundFont not found: " + file);
        }
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException("SoundFont not readable: " + file);
        }
        Soundbank bank;
        try {
            bank = MidiSystem.getSoundbank(file.toFile());
        } catch (InvalidMidiDataException | IOException | RuntimeException e) {
            // The file exists and is readable, so a read failure means it is cut short or not a bank at all.
            throw new IllegalArgumentException(file + " is not a SoundFont (.sf2) or DLS sound bank");
        }
        if (bank == null || bank.getInstruments().length == 0) {
            throw new IllegalArgumentException(file + " holds no instruments");
        }
        return new GervillRenderer(bank);
    }

    /** The bank's name, or "the JDK's built-in bank". */
    public String soundbankName() {
        if (soundbank == null) {
            return "the JDK's built-in bank";
        }
        String name = soundbank.getName();
        return name == null || name.isBlank() ? "an unnamed SoundFont" : name.trim();
    }

    /** Renders a part as a stereo buffer at {@value #SAMPLE_RATE_HZ} Hz covering the song plus its tail. */
    public AudioBuffer render(SongScore song, PartScore part) throws IOException {
        Synthesizer synthesizer;
        try {
            synthesizer = MidiSystem.getSynthesizer();
        } catch (MidiUnavailableException e) {
            throw new IOException("the JDK's MIDI synthesizer is not available", e);
        }
        AudioFormat format = new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, SAMPLE_RATE_HZ, 16, 2, 4, SAMPLE_RATE_HZ, false);
        Map<String, Object> settings = new HashMap<>();
        settings.put("reverb", false);
        settings.put("chorus", false);
        settings.put("interpolation", "sinc");
        settings.put("max polyphony", 128);
        try (InputStream stream = openStream(synthesizer, format, settings)) {
            if (soundbank != null) {
                synthesizer.unloadAllInstruments(synthesizer.getDefaultSoundbank());
                synthesizer.loadAllInstruments(soundbank);
            }
            Receiver receiver = synthesizer.getReceiver();
            int channel = part.drums() ? 9 : 0;
            for (TimedMessage message : messages(song, part, channel)) {
                receiver.send(message.message(), message.microseconds());
            }
            int frames = (int) Math.round((song.lengthSeconds() + TAIL_SECONDS) * SAMPLE_RATE_HZ);
            byte[] bytes = stream.readNBytes(frames * 4);
            AudioBuffer audio = new AudioBuffer(2, frames);
            for (int i = 0; i < bytes.length / 4; i++) {
                audio.channel(0)[i] = (short) ((bytes[4 * i] & 0xFF) | (bytes[4 * i + 1] << 8)) / 32768f;
                audio.channel(1)[i] = (short) ((bytes[4 * i + 2] & 0xFF) | (bytes[4 * i + 3] << 8)) / 32768f;
            }
            return audio;
        } catch (javax.sound.midi.InvalidMidiDataException e) {
            throw new IOException("invalid MIDI data in part " + part.name(), e);
        } catch (MidiUnavailableException e) {
            throw new IOException("the JDK's MIDI synthesizer is not available", e);
        } finally {
            synthesizer.close();
        }
    }

    private record TimedMessage(MidiMessage message, long microseconds, int order) {
    }

    private static List<TimedMessage> messages(SongScore song, PartScore part, int channel)
            throws javax.sound.midi.InvalidMidiDataException {
        double microsecondsPerBeat = song.secondsPerBeat() * 1e6;
        List<TimedMessage> messages = new ArrayList<>();
        if (!part.drums()) {
            messages.add(new TimedMessage(new ShortMessage(ShortMessage.PROGRAM_CHANGE, channel, part.program(), 0), 0, 0));
        }
        for (PartScore.Note note : part.notes()) {
            long on = Math.round(note.startBeat() * microsecondsPerBeat);
            long off = Math.round((note.startBeat() + note.lengthBeats()) * microsecondsPerBeat);
            // Offs before ons at the same instant, so repeated notes retrigger.
            messages.add(new TimedMessage(new ShortMessage(ShortMessage.NOTE_ON, channel, note.pitch(), note.velocity()), on, 2));
            messages.add(new TimedMessage(new ShortMessage(ShortMessage.NOTE_OFF, channel, note.pitch(), 0), off, 1));
        }
        messages.sort(Comparator.comparingLong(TimedMessage::microseconds).thenComparingInt(TimedMessage::order));
        return messages;
    }

    /** {@code AudioSynthesizer.openStream(format, settings)}, reached by reflection (JDK-internal interface). */
    private static InputStream openStream(Synthesizer synthesizer, AudioFormat format, Map<String, Object> settings)
            throws IOException {
        try {
            Class<?> audioSynthesizer = Class.forName("com.sun.media.sound.AudioSynthesizer");
            Method open = audioSynthesizer.getMethod("openStream", AudioFormat.class, Map.class);
            return (InputStream) open.invoke(synthesizer, format, settings);
        } catch (IllegalAccessException e) {
            throw new IOException("offline MIDI rendering needs the JVM option " + EXPORT_FLAG, e);
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IOException("this JDK's MIDI synthesizer cannot render offline", e);
        }
    }
}
