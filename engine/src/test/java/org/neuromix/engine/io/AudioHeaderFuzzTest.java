package org.neuromix.engine.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import org.neuromix.engine.audio.AudioBuffer;

/**
 * Uploads are probed and decoded through FFmpeg: whatever the bytes (a WAV, FLAC or AIFF header
 * followed by anything), probing and decoding to the end give audio or an AudioFileException —
 * nothing else, no hang. The seeds are small valid files of each container.
 */
class AudioHeaderFuzzTest {
    private static final Path FILE;

    static {
        try {
            FILE = Files.createTempFile("neuromix-fuzz-", ".audio");
            FILE.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "60s")
    void probesAndDecodesOrRefuses(FuzzedDataProvider data) throws IOException {
        Files.write(FILE, data.consumeRemainingAsBytes());
        try {
            AudioFileInfo info = AudioReader.probe(FILE);
            try (AudioReader reader = AudioReader.open(FILE)) {
                AudioBuffer block = new AudioBuffer(reader.channels(), 4096);
                long frames = 0;
                // Bounded: a header may announce hours; the check on arrival stops at the duration limit first.
                for (int n; frames < 48_000L * 600 && (n = reader.read(block)) > 0; ) {
                    frames += n;
                }
            }
            if (info.channels() < 1) {
                throw new AssertionError("a readable file with no channels");
            }
        } catch (AudioFileException refused) {
            // the expected answer to bad bytes
        }
    }
}
