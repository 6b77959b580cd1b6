package org.neuromix.engine.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.neuromix.engine.audio.AudioBuffer;
import org.neuromix.engine.audio.ProcessSpec;
import org.neuromix.engine.testing.TestSignals;

/** Every processor gives the same output whether fed the whole buffer, one frame at a time, or random splits. */
class BlockSizeInvarianceTest {
    private static final int RATE = 48_000;
    /** Float output of double state: any split must agree to float rounding. */
    private static final double TOLERANCE = 1e-6;

    static Stream<Arguments> processors() {
        return Stream.of(
                Arguments.of("gain", (Supplier<Processor>) () -> new Gain(-6.0, true)),
                Arguments.of("peaking EQ", (Supplier<Processor>) () -> new BiquadFilter(FilterType.PEAKING, 1000, 1.4, 6)),
                Arguments.of("24 dB high-pass", (Supplier<Processor>) () -> new BiquadFilter(FilterType.HIGH_PASS, 120, 0.7, 0, 24)),
                Arguments.of("parametric EQ", (Supplier<Processor>) () -> new ParametricEq(List.of(
                        new BiquadFilter(FilterType.HIGH_PASS, 40, 0.707, 0), new BiquadFilter(FilterType.LOW_SHELF, 200, 0.707, 3),
                        new BiquadFilter(FilterType.HIGH_SHELF, 8000, 0.707, -2), new BiquadFilter(FilterType.NOTCH, 3000, 4, 0)))),
                Arguments.of("compressor peak", (Supplier<Processor>) () -> new Compressor(new Compressor.Settings(
                        -24, 4, 5, 80, 6, 3, Detection.PEAK, 0, true))),
                Arguments.of("compressor rms linked, control rate", (Supplier<Processor>) () -> new Compressor(new Compressor.Settings(
                        -30, 3, 10, 120, 6, 2, Detection.RMS, 0, true))),
                Arguments.of("compressor rms linked, per frame", (Supplier<Processor>) () -> new Compressor(new Compressor.Settings(
                        -30, 3, 0.5, 120, 6, 2, Detection.RMS, 0, true))),
                Arguments.of("compressor rms side-chain", (Supplier<Processor>) () -> new Compressor(new Compressor.Settings(
                        -30, 3, 10, 120, 0, 0, Detection.RMS, 100, false))),
                Arguments.of("gate", (Supplier<Processor>) () -> new NoiseGate(new NoiseGate.Settings(-30, 4, 40, 1, 20, 100))),
                Arguments.of("de-esser", (Supplier<Processor>) () -> new DeEsser(new DeEsser.Settings(6000, -40, 4, 12))),
                Arguments.of("reverb", (Supplier<Processor>) () -> new FdnReverb(new FdnReverb.Settings(20, 1.8, 0.4, 1.2))),
                Arguments.of("true-peak limiter", (Supplier<Processor>) () -> new TruePeakLimiter(
                        new TruePeakLimiter.Settings(-1, 60, 1.5))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("processors")
    void sameOutputForAnyBlockSplit(String name, Supplier<Processor> factory) {
        AudioBuffer input = TestSignals.programme(RATE, 2, 1.5, 11);
        // Make it loud enough to engage every dynamics processor.
        for (int channel = 0; channel < 2; channel++) {
            for (int i = 0; i < input.frames(); i++) {
                input.channel(channel)[i] *= 1.6f;
            }
        }
        float[][] whole = run(factory.get(), input, new int[] {input.frames()});
        int[] ones = new int[input.frames()];
        java.util.Arrays.fill(ones, 1);
        float[][] single = run(factory.get(), input, ones);
        Random random = new Random(17);
        int[] splits = random.ints(0, 3000).limit(input.frames()).toArray();
        float[][] randomSplit = run(factory.get(), input, splits);
        for (int channel = 0; channel < 2; channel++) {
            for (int i = 0; i < input.frames(); i++) {
                assertEquals(whole[channel][i], single[channel][i], TOLERANCE, name + " 1-frame blocks, frame " + i);
                assertEquals(whole[channel][i], randomSplit[channel][i], TOLERANCE, name + " random blocks, frame " + i);
            }
        }
    }

    /** Processes {@code input} in blocks of the given sizes (0 counts as 1) and returns the output. */
    static float[][] run(Processor processor, AudioBuffer input, int[] blockSizes) {
        int maxBlock = 4096;
        processor.prepare(new ProcessSpec(RATE, maxBlock, input.channels()));
        float[][] output = new float[input.channels()][input.frames()];
        AudioBuffer block = new AudioBuffer(input.channels(), maxBlock);
        int from = 0;
        for (int k = 0; from < input.frames(); k++) {
            int size = Math.min(Math.max(1, Math.min(blockSizes[k % blockSizes.length], maxBlock)), input.frames() - from);
            block.setFrames(size);
            for (int channel = 0; channel < input.channels(); channel++) {
                System.arraycopy(input.channel(channel), from, block.channel(channel), 0, size);
            }
            processor.process(block);
            for (int channel = 0; channel < input.channels(); channel++) {
                System.arraycopy(block.channel(channel), 0, output[channel], from, size);
            }
            from += size;
        }
        return output;
    }
}
