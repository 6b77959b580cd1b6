package org.neuromix.engine.io;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuromix.engine.loudness.FileLoudnessAnalyzer;
import org.neuromix.engine.testing.TestSignals;

/** Every kind of bad file ends in one clear AudioFileException naming the file, never a crash. */
class BadInputTest {
    @TempDir
    Path directory;

    private void assertRefused(Path file, String... expectedWords) {
        AudioFileException error = assertThrows(AudioFileException.class, () -> FileLoudnessAnalyzer.analyze(file));
        String message = error.getMessage();
        assertTrue(message.startsWith(file.toString() + ": "), "names the file: " + message);
        assertTrue(!message.contains("\n"), "one line: " + message);
        boolean any = Arrays.stream(expectedWords).anyMatch(message::contains);
        assertTrue(any, "message '" + message + "' should mention one of " + Arrays.toString(expectedWords));
    }

    private Path validFile(String name, AudioEncoding encoding, double seconds) throws Exception {
        Path file = directory.resolve(name);
        AudioWriter.write(file, encoding, 44_100, TestSignals.programme(44_100, 2, seconds, 1));
        return file;
    }

    private static int chunkOffset(ByteBuffer wav, int fourCc) {
        int chunk = 12;
        while (wav.getInt(chunk) != fourCc) {
            chunk += 8 + wav.getInt(chunk + 4);
        }
        return chunk;
    }

    private static final int FMT = 0x20746d66;
    private static final int DATA = 0x61746164;

    @Test
    void missingFile() {
        assertRefused(directory.resolve("nope.wav"), "no such file");
    }

    @Test
    void directory() {
        assertRefused(directory, "is a directory");
    }

    @Test
    void emptyFile() throws Exception {
        Path file = Files.createFile(directory.resolve("empty.wav"));
        assertRefused(file, "empty (0 bytes)");
    }

    @Test
    void textFile() throws Exception {
        Path file = Files.writeString(directory.resolve("notes.wav"), "This is not audio.\n".repeat(200));
        assertRefused(file, "not an audio file", "no audio stream");
    }

    @Test
    void randomBytes() throws Exception {
        byte[] noise = new byte[100_000];
        new Random(3).nextBytes(noise);
        assertRefused(Files.write(directory.resolve("noise.mp3"), noise), "not an audio file", "no audio stream", "corrupt");
    }

    @Test
    void truncatedWav() throws Exception {
        Path file = validFile("cut.wav", AudioEncoding.WAV_PCM_24, 2.0);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
        assertRefused(file, "truncated");
    }

    @Test
    void truncatedFlac() throws Exception {
        Path file = validFile("cut.flac", AudioEncoding.FLAC_24, 2.0);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
        assertRefused(file, "truncated", "corrupt");
    }

    @Test
    void corruptFlac() throws Exception {
        Path file = validFile("garbled.flac", AudioEncoding.FLAC_24, 2.0);
        byte[] bytes = Files.readAllBytes(file);
        Random random = new Random(5);
        for (int i = bytes.length / 3; i < bytes.length / 3 + 4000; i++) {
            bytes[i] = (byte) random.nextInt();
        }
        Files.write(file, bytes);
        assertRefused(file, "corrupt", "truncated");
    }

    @Test
    void truncatedMp3() throws Exception {
        Path file = validFile("cut.mp3", AudioEncoding.MP3_320K, 3.0);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
        assertRefused(file, "truncated", "corrupt");
    }

    @Test
    void corruptMp3() throws Exception {
        Path file = validFile("garbled.mp3", AudioEncoding.MP3_320K, 3.0);
        byte[] bytes = Files.readAllBytes(file);
        Random random = new Random(6);
        for (int i = bytes.length / 3; i < bytes.length / 3 + 20_000; i++) {
            bytes[i] = (byte) random.nextInt();
        }
        Files.write(file, bytes);
        assertRefused(file, "corrupt", "truncated");
    }

    @Test
    void absurdSampleRateInHeader() throws Exception {
        Path file = validFile("rate.wav", AudioEncoding.WAV_PCM_16, 0.5);
        ByteBuffer wav = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        wav.putInt(chunkOffset(wav, FMT) + 12, 1); // 1 Hz
        Files.write(file, wav.array());
        assertRefused(file, "sample rate", "not an audio file");
    }

    @Test
    void hugeSampleRateInHeader() throws Exception {
        Path file = validFile("fast.wav", AudioEncoding.WAV_PCM_16, 0.5);
        ByteBuffer wav = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        wav.putInt(chunkOffset(wav, FMT) + 12, 2_000_000_000);
        Files.write(file, wav.array());
        assertRefused(file, "sample rate", "not an audio file");
    }

    @Test
    void absurdChannelCountInHeader() throws Exception {
        Path file = validFile("channels.wav", AudioEncoding.WAV_PCM_16, 0.5);
        ByteBuffer wav = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        wav.putShort(chunkOffset(wav, FMT) + 10, (short) 1000);
        Files.write(file, wav.array());
        assertRefused(file, "channel", "not an audio file", "stream headers");
    }

    @Test
    void zeroChannelsInHeader() throws Exception {
        Path file = validFile("nochannels.wav", AudioEncoding.WAV_PCM_16, 0.5);
        ByteBuffer wav = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        wav.putShort(chunkOffset(wav, FMT) + 10, (short) 0);
        Files.write(file, wav.array());
        assertRefused(file, "channel", "not an audio file", "stream headers");
    }

    @Test
    void absurdLengthInHeader() throws Exception {
        Path file = validFile("long.wav", AudioEncoding.WAV_PCM_16, 0.5);
        ByteBuffer wav = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        wav.putInt(chunkOffset(wav, DATA) + 4, 0x7FFF_FFF0); // claims about 3.4 hours
        Files.write(file, wav.array());
        assertRefused(file, "truncated");
    }
}
