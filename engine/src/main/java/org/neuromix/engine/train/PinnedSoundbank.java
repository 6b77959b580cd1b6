package org.neuromix.engine.train;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.prefs.Preferences;

import javax.sound.midi.InvalidMidiDataException;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Soundbank;

/**
 * The General MIDI bank that synthetic sessions are rendered with when no SoundFont is named:
 * {@value #RESOURCE}, shipped in the jar and checked against {@link #SHA256} when loaded, so every
 * machine renders the same bytes.
 *
 * <p>Why a shipped file: with no bank given, Gervill falls back to its "emergency" GM set, which
 * {@code com.sun.media.sound.EmergencySoundbank} synthesises with unseeded randomness
 * ({@code Math.random} phases) and caches per user in {@code ~/.gervill/soundbank-emg.sf2}; two
 * generations differ, so training data, models and tests depended on the home directory. The
 * shipped file is one such generation (OpenJDK 17, {@code EmergencySoundbank.createSoundbank()}
 * saved with {@code SF2Soundbank.save}), made once and pinned by its checksum; it is generated
 * data, 1.9 MB, 128 melodic programs and a drum kit.
 */
public final class PinnedSoundbank {
    static final String RESOURCE = "/org/neuromix/engine/train/pinned-jdk-gm.sf2";
    public static final String SHA256 = "c3964ca70da03c8de6c84faec308828aa83bd55d3e261b023f883f2b8a3ca37a";
    public static final String DESCRIPTION = "the pinned JDK bank (pinned-jdk-gm.sf2, SHA-256 " + SHA256.substring(0, 12) + "…)";

    private static volatile Soundbank loaded;

    private PinnedSoundbank() {
    }

    /** The pinned bank, loaded once and verified. */
    public static Soundbank soundbank() {
        Soundbank bank = loaded;
        if (bank == null) {
            synchronized (PinnedSoundbank.class) {
                bank = loaded;
                if (bank == null) {
                    try (InputStream in = PinnedSoundbank.class.getResourceAsStream(RESOURCE)) {
                        if (in == null) {
                            throw new IllegalStateException("this build lacks the pinned sound bank " + RESOURCE);
                        }
                        bank = verified(in.readAllBytes(), SHA256);
                    } catch (IOException e) {
                        throw new IllegalStateException("the pinned sound bank could not be read: " + e.getMessage(), e);
                    }
                    loaded = bank;
                }
            }
        }
        return bank;
    }

    /**
     * The bank in {@code bytes} when their SHA-256 is {@code expectedSha256}.
     *
     * @throws IllegalStateException when the checksum differs or the bytes are not a bank
     */
    static Soundbank verified(byte[] bytes, String expectedSha256) {
        String actual = sha256(bytes);
        if (!actual.equals(expectedSha256)) {
            throw new IllegalStateException("the pinned sound bank is damaged or was replaced: SHA-256 " + actual
                    + ", expected " + expectedSha256);
        }
        try {
            return MidiSystem.getSoundbank(new ByteArrayInputStream(bytes));
        } catch (InvalidMidiDataException | IOException e) {
            throw new IllegalStateException("the pinned sound bank is not a SoundFont: " + e.getMessage(), e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    /**
     * Gervill reads stored synthesizer settings from the user's Java Preferences
     * ({@code ~/.java/.userPrefs}), which would let a machine's history change a render, and the
     * JDK's file-backed preferences print "Created user preferences directory" on first use. Unless
     * the JVM was told otherwise, preferences are kept in memory for this process and start empty.
     * Must run before anything touches {@link Preferences}.
     */
    static void isolateFromUserPreferences() {
        if (System.getProperty("java.util.prefs.PreferencesFactory") == null) {
            System.setProperty("java.util.prefs.PreferencesFactory", InMemoryPreferences.Factory.class.getName());
        }
    }
}
