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
import java.util.Objects;

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
 * and the build pass). The synthesizer's own reverb and chorus are off, so stems are dry.
 *
 * <p>Every render names its bank: the {@linkplain PinnedSoundbank pinned bank} shipped with
 * NeuroMix (checked by SHA-256) or a General MIDI SoundFont the caller gives. Gervill's implicit
 * default bank is never loaded — it is generated with randomness and cached in
 * {@code ~/.gervill}, so it differs from machine to machine — and the synthesizer's stored
 * settings in Java Preferences are not read (see {@link PinnedSoundbank#isolateFromUserPreferences}).
 */
public final class GervillRenderer {
    public static final int SAMPLE_RATE_HZ = 48_000;
    /** Release tail rendered after the last bar. */
    static final double TAIL_SECONDS = 1.5;
    public static final String EXPORT_FLAG = "--add-exports java.desktop/com.sun.media.sound=ALL-UNNAMED";

    static {
        PinnedSoundbank.isolateFromUserPreferences();
    }

    private final Soundbank soundbank;
    private final String soundbankName;

    private GervillRenderer(Soundbank soundbank, String soundbankName) {
        this.soundbank = Objects.requireNonNull(soundbank, "soundbank");
        this.soundbankName = soundbankName;
    }

    /** A renderer with the {@linkplain PinnedSoundbank pinned bank}, the same bytes on every machine. */
    public static GervillRenderer pinned() {
        return new GervillRenderer(PinnedSoundbank.soundbank(), PinnedSoundbank.DESCRIPTION);
    }

    /** A renderer with a bank {@link #withSoundFont} has loaded and checked. */
    private static GervillRenderer with(Soundbank soundbank) {
        String name = soundbank.getName();
        return new GervillRenderer(soundbank, name == null || name.isBlank() ? "an unnamed SoundFont" : name.trim());
    }

    /**
     * A renderer using the General MIDI SoundFont (SF2) or DLS bank in {@code file}, or the
     * {@linkplain #pinned() pinned bank} when {@code file} is null.
     *
     * @throws IllegalArgumentException with a one-line message when the file is missing, unreadable,
     *                                  held out for independent evaluation ({@link HeldOutMaterial}),
     *                                  not a sound bank, or has no instruments
     */
    public static GervillRenderer withSoundFont(Path file) {
        if (file == null) {
            return pinned();
        }
        String heldOut = HeldOutMaterial.refusal(file);
        if (heldOut != null) {
            throw new IllegalArgumentException(heldOut);
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
        String heldOutName = HeldOutMaterial.refusalOfBankName(file, bank.getName());
        if (heldOutName != null) {
            throw new IllegalArgumentException(heldOutName);
        }
        return with(bank);
    }

    /** The bank's name: {@link PinnedSoundbank#DESCRIPTION} or the SoundFont's own name. */
    public String soundbankName() {
        return soundbankName;
    }

    /** Renders a part as a stereo buffer at {@value #SAMPLE_RATE_HZ} Hz covering the song plus its tail. */
    public AudioBuffer render(SongScore song, PartScore part) throws IOException {
        List<TimedMessage> messages;
        try {
            messages = messages(song, part, part.drums() ? 9 : 0);
        } catch (InvalidMidiDataException e) {
            throw new IOException("invalid MIDI data in part " + part.name(), e);
        }
        int frames = (int) Math.round((song.lengthSeconds() + TAIL_SECONDS) * SAMPLE_RATE_HZ);
        return render(messages, frames, false);
    }

    /**
     * Renders MIDI messages exactly as given (channels, programs, controllers, velocities) as a
     * stereo buffer of {@code frames} at {@value #SAMPLE_RATE_HZ} Hz, in 32-bit float with the
     * synthesizer's automatic gain control off: levels are what the messages and the bank say,
     * never limited, so a musician's balance survives.
     */
    public AudioBuffer renderAsWritten(List<TimedMessage> messages, int frames) throws IOException {
        return render(messages, frames, true);
    }

    private AudioBuffer render(List<TimedMessage> messages, int frames, boolean asWritten) throws IOException {
        Synthesizer synthesizer;
        try {
            synthesizer = MidiSystem.getSynthesizer();
        } catch (MidiUnavailableException e) {
            throw new IOException("the JDK's MIDI synthesizer is not available", e);
        }
        // The synthetic sessions keep the 16-bit, gain-controlled output the shipped models were trained on.
        AudioFormat format = asWritten
                ? new AudioFormat(AudioFormat.Encoding.PCM_FLOAT, SAMPLE_RATE_HZ, 32, 2, 8, SAMPLE_RATE_HZ, false)
                : new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, SAMPLE_RATE_HZ, 16, 2, 4, SAMPLE_RATE_HZ, false);
        Map<String, Object> settings = new HashMap<>();
        settings.put("reverb", false);
        settings.put("chorus", false);
        settings.put("interpolation", "sinc");
        settings.put("max polyphony", 128);
        // Named explicitly, so nothing stored on the machine can change how a song sounds.
        settings.put("control rate", 147f);
        settings.put("large mode", false);
        settings.put("auto gain control", !asWritten);
        settings.put("jitter correction", true);
        settings.put("light reverb", true);
        settings.put("midi channels", 16);
        settings.put("device id", 0);
        // Never Gervill's implicit bank: it is random per machine and cached in ~/.gervill.
        settings.put("load default soundbank", false);
        try (InputStream stream = openStream(synthesizer, format, settings)) {
            if (!synthesizer.loadAllInstruments(soundbank)) {
                throw new IOException(soundbankName + " could not be loaded into the synthesizer");
            }
            Receiver receiver = synthesizer.getReceiver();
            for (TimedMessage message : messages) {
                receiver.send(message.message(), message.microseconds());
            }
            AudioBuffer audio = new AudioBuffer(2, frames);
            if (asWritten) {
                byte[] bytes = stream.readNBytes(frames * 8);
                java.nio.FloatBuffer floats = java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
                for (int i = 0; i < bytes.length / 8; i++) {
                    audio.channel(0)[i] = floats.get(2 * i);
                    audio.channel(1)[i] = floats.get(2 * i + 1);
                }
            } else {
                byte[] bytes = stream.readNBytes(frames * 4);
                for (int i = 0; i < bytes.length / 4; i++) {
                    audio.channel(0)[i] = (short) ((bytes[4 * i] & 0xFF) | (bytes[4 * i + 1] << 8)) / 32768f;
                    audio.channel(1)[i] = (short) ((bytes[4 * i + 2] & 0xFF) | (bytes[4 * i + 3] << 8)) / 32768f;
                }
            }
            return audio;
        } catch (MidiUnavailableException e) {
            throw new IOException("the JDK's MIDI synthesizer is not available", e);
        } finally {
            synthesizer.close();
        }
    }

    /**
     * One MIDI message at its time; {@code order} breaks ties at the same instant (note-offs
     * before note-ons, so repeated notes retrigger; set-up messages first).
     */
    public record TimedMessage(MidiMessage message, long microseconds, int order) {
        public static final Comparator<TimedMessage> IN_TIME = Comparator.comparingLong(TimedMessage::microseconds)
                .thenComparingInt(TimedMessage::order);
    }

    private static List<TimedMessage> messages(SongScore song, PartScore part, int channel)
            throws InvalidMidiDataException {
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
        messages.sort(TimedMessage.IN_TIME);
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
