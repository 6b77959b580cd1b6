package org.neuromix.engine.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuromix.engine.io.AudioEncoding;
import org.neuromix.engine.io.AudioWriter;
import org.neuromix.engine.testing.TestSignals;

class MultiResolutionStftTest {
    @TempDir
    Path directory;

    @Test
    void zeroForIdenticalAndGrowingWithDifference() throws Exception {
        Path a = directory.resolve("a.wav");
        Path b = directory.resolve("b.wav");
        Path c = directory.resolve("c.wav");
        AudioWriter.write(a, AudioEncoding.WAV_FLOAT_32, 48_000, TestSignals.programme(48_000, 2, 3, 1));
        AudioWriter.write(b, AudioEncoding.WAV_FLOAT_32, 48_000, TestSignals.programme(48_000, 2, 3, 1));
        AudioWriter.write(c, AudioEncoding.WAV_FLOAT_32, 48_000, TestSignals.programme(48_000, 2, 3, 2));
        assertEquals(0.0, MultiResolutionStft.distance(a, b), 1e-9);
        assertTrue(MultiResolutionStft.distance(a, c) > 0.5, "different programmes are far apart");
    }
}
