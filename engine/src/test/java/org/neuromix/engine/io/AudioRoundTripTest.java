package org.neuromix.engine.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.neuromix.engine.audio.AudioBuffer;
import org.neuromix.engine.testing.TestSignals;

class AudioRoundTripTest {
    @TempDir
    Path directory;

    /** Random values on the 24-bit grid: exactly representable, so a lossless trip must be bit-exact. */
    private static AudioBuffer on24BitGrid(int channels, int frames, long seed) {
        AudioBuffer buffer = new AudioBuffer(channels, frames);
        Random random = new Random(seed);
        for (int channel = 0; channel < channels; channel++) {
            for (int i = 0; i < frames; i++) {
                buffer.channel(channel)[i] = (random.nextInt(1 << 24) - (1 << 23)) / 8_388_608f;
            }
        }
        return buffer;
    }

    static AudioBuffer readAll(Path file) throws AudioFileException {
        try (AudioReader reader = AudioReader.open(file)) {
            return readAll(reader);
        }
    }

    static AudioBuffer readAll(AudioReader reader) throws AudioFileException {
        return reader.readRemaining();
    }

    /** The rest of a file in one buffer, across read blocks, after a partial read, and nothing once at its end. */
    @Test
    void readRemainingGivesExactlyTheRestOfTheFile() throws Exception {
        AudioBuffer original = on24BitGrid(2, 150_001, 9);
        Path file = directory.resolve("long.wav");
        AudioWriter.write(file, AudioEncoding.WAV_PCM_24, 48_000, original);
        try (AudioReader reader = AudioReader.open(file)) {
            AudioBuffer head = new AudioBuffer(2, 1_000);
            assertEquals(1_000, reader.read(head));
            AudioBuffer rest = reader.readRemaining();
            assertEquals(149_001, rest.frames());
            assertEquals(149_001, rest.channel(1).length, "the arrays hold exactly the frames read");
            for (int channel = 0; channel < 2; channel++) {
                assertArrayEquals(java.util.Arrays.copyOfRange(original.channel(channel), 1_000, 150_001), rest.channel(channel));
            }
            assertEquals(0, reader.readRemaining().frames());
        }
    }

    @ParameterizedTest
    @EnumSource(value = AudioEncoding.class, names = {"WAV_PCM_24", "FLAC_24", "AIFF_PCM_24", "WAV_FLOAT_32", "WAV_FLOAT_64"})
    void losslessRoundTripIsBitExact(AudioEncoding encoding) throws Exception {
        AudioBuffer original = on24BitGrid(2, 100_003, 1);
        Path file = directory.resolve("trip." + encoding.extension());
        AudioWriter.write(file, encoding, 48_000, original);
        AudioBuffer back = readAll(file);
        assertEquals(original.frames(), back.frames());
        for (int channel = 0; channel < 2; channel++) {
            assertArrayEquals(original.channel(channel), back.channel(channel), 0f, "channel " + channel);
        }
        // And once more: what we read, written again, gives the same file bytes.
        Path again = directory.resolve("again." + encoding.extension());
        AudioWriter.write(again, encoding, 48_000, back);
        assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(again));
    }

    @Test
    void floatRoundTripKeepsArbitraryFloats() throws Exception {
        AudioBuffer original = TestSignals.programme(44_100, 2, 1.0, 5);
        original.channel(0)[10] = 1.7f; // over full scale survives in float
        Path file = directory.resolve("float.wav");
        AudioWriter.write(file, AudioEncoding.WAV_FLOAT_32, 44_100, original);
        AudioBuffer back = readAll(file);
        assertArrayEquals(original.channel(0), back.channel(0), 0f);
        assertArrayEquals(original.channel(1), back.channel(1), 0f);
    }

    @Test
    void sixteenBitIsDitheredWithinOneStep() throws Exception {
        AudioBuffer original = TestSignals.sine(48_000, 2, 997, -20, 1.0);
        Path file = directory.resolve("dither.wav");
        AudioWriter.write(file, AudioEncoding.WAV_PCM_16, 48_000, original);
        AudioBuffer back = readAll(file);
        double step = 1.0 / 32768;
        double errorPower = 0;
        for (int i = 0; i < original.frames(); i++) {
            double error = back.channel(0)[i] - original.channel(0)[i];
            // TPDF of ±1 step plus rounding: never more than 1.5 steps away.
            assertTrue(Math.abs(error) <= 1.5 * step + 1e-9, "error " + error / step + " steps at " + i);
            errorPower += error * error;
        }
        // TPDF dither plus rounding has a noise power of 1/4 step² (vs 1/12 undithered).
        double noiseInSteps = errorPower / original.frames() / (step * step);
        assertEquals(0.25, noiseInSteps, 0.03);
    }

    @Test
    void ditherIsReproducible() throws Exception {
        AudioBuffer original = TestSignals.programme(48_000, 2, 1.0, 9);
        Path first = directory.resolve("a.flac");
        Path second = directory.resolve("b.flac");
        AudioWriter.write(first, AudioEncoding.FLAC_16, 48_000, original);
        AudioWriter.write(second, AudioEncoding.FLAC_16, 48_000, original);
        assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second));
    }

    @Test
    void fullScaleIsClippedNotWrapped() throws Exception {
        AudioBuffer loud = new AudioBuffer(new float[][] {{1.5f, -1.5f, 1.0f, -1.0f}});
        Path file = directory.resolve("clip.wav");
        AudioWriter.write(file, AudioEncoding.WAV_PCM_24, 48_000, loud);
        AudioBuffer back = readAll(file);
        assertEquals(8_388_607 / 8_388_608f, back.channel(0)[0]);
        assertEquals(-1.0f, back.channel(0)[1]);
        assertEquals(8_388_607 / 8_388_608f, back.channel(0)[2]);
        assertEquals(-1.0f, back.channel(0)[3]);
    }

    @Test
    void aFailedWriteLeavesNoFile() throws Exception {
        Path file = directory.resolve("unfinished.wav");
        try (AudioWriter writer = AudioWriter.create(file, AudioEncoding.WAV_PCM_24, 48_000, 2)) {
            writer.write(TestSignals.sine(48_000, 2, 440, -6, 0.5));
            // no finish(): as if the render had failed
        }
        assertFalse(Files.exists(file));
        try (var files = Files.list(directory)) {
            assertEquals(0, files.count(), "the temporary file is removed too");
        }
    }

    @Test
    void finishReplacesAnExistingFileAtomically() throws Exception {
        Path file = directory.resolve("out.wav");
        Files.writeString(file, "old");
        AudioWriter.write(file, AudioEncoding.WAV_PCM_24, 48_000, TestSignals.sine(48_000, 1, 440, -6, 0.1));
        assertEquals(4800, readAll(file).frames());
    }

    @Test
    void outputGetsOrdinaryPermissionsNotOwnerOnly() throws Exception {
        Path file = directory.resolve("shared.wav");
        AudioWriter.write(file, AudioEncoding.WAV_PCM_16, 48_000, TestSignals.sine(48_000, 1, 440, -6, 0.1));
        var permissions = Files.getPosixFilePermissions(file);
        var fresh = Files.getPosixFilePermissions(Files.createFile(directory.resolve("fresh")));
        assertEquals(fresh, permissions, "like any new file (umask), not the owner-only mode of temp files");
    }

    @Test
    void outputFormatChoice() {
        assertEquals(AudioEncoding.WAV_PCM_24, AudioEncoding.forOutput("wav", 24));
        assertEquals(AudioEncoding.WAV_FLOAT_32, AudioEncoding.forOutput("WAV", 32));
        assertEquals(AudioEncoding.FLAC_16, AudioEncoding.forOutput("flac", 16));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> AudioEncoding.forOutput("flac", 32));
        assertTrue(error.getMessage().contains("FLAC bit depth"));
        assertThrows(IllegalArgumentException.class, () -> AudioEncoding.forOutput("mp3", 16));
    }

    @Test
    void rejectsUnsupportedWriterSettings() {
        assertThrows(IllegalArgumentException.class,
                () -> AudioWriter.create(directory.resolve("x.wav"), AudioEncoding.WAV_PCM_24, 1000, 2));
        assertThrows(IllegalArgumentException.class,
                () -> AudioWriter.create(directory.resolve("x.wav"), AudioEncoding.WAV_PCM_24, 48_000, 0));
    }

    static void writeQuietly(Path file, AudioEncoding encoding, int rate, AudioBuffer audio) {
        try {
            AudioWriter.write(file, encoding, rate, audio);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
