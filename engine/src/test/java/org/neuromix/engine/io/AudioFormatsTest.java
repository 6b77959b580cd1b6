package org.neuromix.engine.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.neuromix.engine.audio.AudioBuffer;
import org.neuromix.engine.audio.ChannelRole;
import org.neuromix.engine.testing.TestSignals;

/**
 * Every input format the product promises, written by FFmpeg's own encoders and read back:
 * WAV (8/16/24/32-bit PCM, 32/64-bit float, extensible), AIFF, FLAC, MP3, Ogg Vorbis, Opus and
 * AAC/M4A; mono, stereo and 5.1; 8 to 192 kHz; and resampling to the 48 kHz working rate.
 */
class AudioFormatsTest {
    private static final double SECONDS = 1.5;
    private static final double LEVEL_DBFS = -6.0;

    @TempDir
    static Path directory;

    static Stream<Arguments> formats() {
        List<Arguments> cases = new ArrayList<>();
        for (AudioEncoding encoding : new AudioEncoding[] {AudioEncoding.WAV_PCM_8, AudioEncoding.WAV_PCM_16,
                AudioEncoding.WAV_PCM_24, AudioEncoding.WAV_PCM_32, AudioEncoding.WAV_FLOAT_32, AudioEncoding.WAV_FLOAT_64,
                AudioEncoding.AIFF_PCM_16, AudioEncoding.FLAC_16, AudioEncoding.FLAC_24}) {
            for (int rate : new int[] {8_000, 22_050, 44_100, 48_000, 96_000, 192_000}) {
                cases.add(Arguments.of(encoding, rate, 2));
            }
            cases.add(Arguments.of(encoding, 48_000, 1));
            cases.add(Arguments.of(encoding, 48_000, 6));
        }
        for (int rate : new int[] {8_000, 32_000, 44_100, 48_000}) {
            cases.add(Arguments.of(AudioEncoding.MP3_320K, rate, 2));
        }
        cases.add(Arguments.of(AudioEncoding.MP3_320K, 44_100, 1));
        for (int rate : new int[] {22_050, 44_100, 48_000, 96_000}) {
            cases.add(Arguments.of(AudioEncoding.OGG_VORBIS, rate, 2));
            cases.add(Arguments.of(AudioEncoding.AAC_M4A, rate, 2));
        }
        cases.add(Arguments.of(AudioEncoding.AAC_M4A, 48_000, 1));
        cases.add(Arguments.of(AudioEncoding.OPUS, 48_000, 2));
        cases.add(Arguments.of(AudioEncoding.OPUS, 48_000, 1));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} Hz {2} ch")
    @MethodSource("formats")
    void readsBackWhatWasWritten(AudioEncoding encoding, int rate, int channels) throws Exception {
        // A tone well inside every codec's band at every rate.
        double toneHz = Math.min(1000, rate / 8.0);
        AudioBuffer original = TestSignals.sine(rate, channels, toneHz, LEVEL_DBFS, SECONDS);
        Path file = directory.resolve(encoding + "-" + rate + "-" + channels + "." + encoding.extension());
        AudioWriter.write(file, encoding, rate, original);

        AudioFileInfo info = AudioReader.probe(file);
        assertEquals(rate, info.sampleRate());
        assertEquals(channels, info.channels());
        assertTrue(info.format().startsWith(encoding.extension().equals("opus") ? "ogg/" : ""), info.format());
        boolean lossy = encoding.bitsPerSample() == 0;

        AudioBuffer decoded = AudioRoundTripTest.readAll(file);
        assertEquals(channels, decoded.channels());
        // Lossy codecs trim their delay but may pad to whole frames: allow one codec frame.
        int slack = lossy ? 2048 : 0;
        assertTrue(Math.abs(decoded.frames() - original.frames()) <= slack,
                "decoded " + decoded.frames() + " frames of " + original.frames());
        for (int channel = 0; channel < channels; channel++) {
            double rmsDb = rmsDb(decoded.channel(channel), decoded.frames() / 4, decoded.frames() / 2);
            // A sine's RMS is 3.01 dB below its peak. 8-bit PCM is coarse but dithered; lossy codecs
            // keep a pure tone's level within a few tenths of a dB.
            double tolerance = lossy ? 0.5 : encoding == AudioEncoding.WAV_PCM_8 ? 0.1 : 0.001;
            assertEquals(LEVEL_DBFS - 3.0103, rmsDb, tolerance, "level of channel " + channel);
        }

        // The working copy: resampled to 48 kHz with FFmpeg's resampler, same tone, same level.
        try (AudioReader reader = AudioReader.open(file, 48_000)) {
            AudioBuffer working = AudioRoundTripTest.readAll(reader);
            assertEquals(48_000, reader.sampleRate());
            double expectedFrames = decoded.frames() * 48_000.0 / rate;
            assertTrue(Math.abs(working.frames() - expectedFrames) <= 2, working.frames() + " vs " + expectedFrames);
            double rmsDb = rmsDb(working.channel(0), working.frames() / 4, working.frames() / 2);
            assertEquals(LEVEL_DBFS - 3.0103, rmsDb, lossy ? 0.5 : encoding == AudioEncoding.WAV_PCM_8 ? 0.1 : 0.01);
        }
    }

    private static double rmsDb(float[] samples, int from, int count) {
        double sum = 0;
        for (int i = from; i < from + count; i++) {
            sum += samples[i] * (double) samples[i];
        }
        return 10 * Math.log10(sum / count);
    }

    @Test
    void multichannelWavIsExtensibleWithItsSpeakerPositions() throws Exception {
        Path file = directory.resolve("surround.wav");
        AudioWriter.write(file, AudioEncoding.WAV_PCM_24, 48_000, TestSignals.sine(48_000, 6, 440, -20, 0.2));
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        int chunk = 12; // after "RIFF" size "WAVE"
        while (bytes.getInt(chunk) != 0x20746d66) { // "fmt "
            chunk += 8 + bytes.getInt(chunk + 4);
        }
        assertEquals(0xFFFE, bytes.getShort(chunk + 8) & 0xFFFF, "WAVE_FORMAT_EXTENSIBLE");
        AudioFileInfo info = AudioReader.probe(file);
        assertEquals("5.1", info.channelLayout());
        assertEquals(List.of(ChannelRole.FRONT, ChannelRole.FRONT, ChannelRole.FRONT,
                ChannelRole.LOW_FREQUENCY_EFFECTS, ChannelRole.SURROUND, ChannelRole.SURROUND), info.channelRoles());
        assertEquals(24, info.bitsPerSample());
        assertEquals(0.2, info.durationSeconds(), 1e-9);
        assertTrue(info.durationExact());
    }

    @Test
    void resamplingKeepsTheToneAndRejectsImages() throws Exception {
        // 44.1 kHz to 48 kHz: a 15 kHz tone must stay at 15 kHz with nothing else above -90 dB.
        Path file = directory.resolve("tone44.wav");
        AudioWriter.write(file, AudioEncoding.WAV_FLOAT_32, 44_100, TestSignals.sine(44_100, 1, 15_000, -3, 2.0));
        try (AudioReader reader = AudioReader.open(file, 48_000)) {
            AudioBuffer working = AudioRoundTripTest.readAll(reader);
            float[] x = working.channel(0);
            int from = 24_000;
            int n = 48_000;
            // Remove the expected tone by least squares, and what remains is the resampler's error.
            double c = 0, s = 0;
            for (int i = 0; i < n; i++) {
                double phase = 2 * Math.PI * 15_000 * (from + i) / 48_000.0;
                c += x[from + i] * Math.cos(phase);
                s += x[from + i] * Math.sin(phase);
            }
            c *= 2.0 / n;
            s *= 2.0 / n;
            double residual = 0, signal = 0;
            for (int i = 0; i < n; i++) {
                double phase = 2 * Math.PI * 15_000 * (from + i) / 48_000.0;
                double fit = c * Math.cos(phase) + s * Math.sin(phase);
                signal += fit * fit;
                residual += (x[from + i] - fit) * (x[from + i] - fit);
            }
            assertEquals(-3.0, 10 * Math.log10(c * c + s * s), 0.05, "tone amplitude");
            assertTrue(10 * Math.log10(residual / signal) < -90, "residual " + 10 * Math.log10(residual / signal) + " dB");
        }
    }
}
