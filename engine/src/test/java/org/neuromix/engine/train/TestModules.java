package org.neuromix.engine.train;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Tiny ProTracker modules written byte by byte (the "M.K." format: 31 sample headers, an order
 * list, 4-channel patterns of 64 rows, 8-bit signed sample data), so tracker tests need nothing
 * installed but libopenmpt.
 */
final class TestModules {
    /** Amiga periods: C-1, C-2, A-2, C-3. */
    static final int C1 = 856, C2 = 428, A2 = 254, C3 = 214;
    static final int ROWS = 64, CHANNELS = 4;

    /** A sample: its name, header volume (0-64) and 8-bit signed data. */
    record Sample(String name, int volume, byte[] data) {
    }

    private final List<Sample> samples = new ArrayList<>();
    private final List<int[][][]> patterns = new ArrayList<>(); // [row][channel] = {sample, period, effect, param}
    private int[] order = {0};

    /** Adds a sample; returns its number (1-based). */
    int sample(String name, int volume, byte[] data) {
        samples.add(new Sample(name, volume, data));
        return samples.size();
    }

    /** Adds an empty pattern; returns its index. */
    int pattern() {
        patterns.add(new int[ROWS][CHANNELS][]);
        return patterns.size() - 1;
    }

    /** A note on a row and channel, with an effect (0xC = set volume 0-64, 0 with param 0 = none). */
    void note(int pattern, int row, int channel, int sample, int period, int effect, int param) {
        patterns.get(pattern)[row][channel] = new int[] {sample, period, effect, param};
    }

    void order(int... patternsInOrder) {
        order = patternsInOrder.clone();
    }

    byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        text(out, "neuromix test", 20);
        for (int s = 0; s < 31; s++) {
            Sample sample = s < samples.size() ? samples.get(s) : null;
            text(out, sample == null ? "" : sample.name(), 22);
            int words = sample == null ? 0 : sample.data().length / 2;
            word(out, words);
            out.write(0); // finetune
            out.write(sample == null ? 0 : sample.volume());
            word(out, 0); // loop start
            word(out, 1); // loop length 1 word: no loop
        }
        out.write(order.length);
        out.write(127);
        for (int i = 0; i < 128; i++) {
            out.write(i < order.length ? order[i] : 0);
        }
        out.writeBytes("M.K.".getBytes(StandardCharsets.US_ASCII));
        for (int[][][] pattern : patterns) {
            for (int row = 0; row < ROWS; row++) {
                for (int channel = 0; channel < CHANNELS; channel++) {
                    int[] cell = pattern[row][channel];
                    int sample = cell == null ? 0 : cell[0], period = cell == null ? 0 : cell[1];
                    int effect = cell == null ? 0 : cell[2], param = cell == null ? 0 : cell[3];
                    out.write((sample & 0xF0) | ((period >> 8) & 0x0F));
                    out.write(period & 0xFF);
                    out.write(((sample & 0x0F) << 4) | (effect & 0x0F));
                    out.write(param & 0xFF);
                }
            }
        }
        for (Sample sample : samples) {
            out.writeBytes(sample.data());
        }
        return out.toByteArray();
    }

    /** A sine of {@code periodSamples} samples per cycle, {@code length} bytes, at 3/4 of full scale. */
    static byte[] sine(int periodSamples, int length) {
        byte[] data = new byte[length];
        for (int i = 0; i < length; i++) {
            data[i] = (byte) Math.round(96 * Math.sin(2 * Math.PI * i / periodSamples));
        }
        return data;
    }

    /** A square wave, half full scale. */
    static byte[] square(int periodSamples, int length) {
        byte[] data = new byte[length];
        for (int i = 0; i < length; i++) {
            data[i] = (byte) (i % periodSamples < periodSamples / 2 ? 64 : -64);
        }
        return data;
    }

    /** A kick: a sine falling from 8 to 1 cycles per 64 samples, decaying. */
    static byte[] kick(int length) {
        byte[] data = new byte[length];
        double phase = 0;
        for (int i = 0; i < length; i++) {
            double progress = i / (double) length;
            phase += 2 * Math.PI * (8 - 7 * progress) / 64;
            data[i] = (byte) Math.round(120 * Math.exp(-4 * progress) * Math.sin(phase));
        }
        return data;
    }

    /**
     * A three-part song: bass on channel 1 every 8 rows at {@code bassVolume} (Cxx), a kick on
     * channel 2 every 4 rows, a lead on channels 3 and 4 every 2 rows with alternating volumes;
     * the 64-row pattern played twice (15.4 s at the default speed 6, 125 BPM).
     */
    static byte[] song(String bassName, String kickName, String leadName, int bassVolume) {
        TestModules module = new TestModules();
        int bass = module.sample(bassName, 64, sine(32, 8000));
        int kick = module.sample(kickName, 64, kick(3000));
        int lead = module.sample(leadName, 48, square(16, 6000));
        int pattern = module.pattern();
        for (int row = 0; row < ROWS; row++) {
            if (row % 8 == 0) {
                module.note(pattern, row, 0, bass, row % 16 == 0 ? C1 : C2, 0xC, bassVolume);
            }
            if (row % 4 == 0) {
                module.note(pattern, row, 1, kick, C2, 0, 0);
            }
            if (row % 2 == 0) {
                module.note(pattern, row, row % 4 == 0 ? 2 : 3, lead, row % 8 < 4 ? C3 : A2, 0xC, row % 4 == 0 ? 0x30 : 0x20);
            }
        }
        module.order(pattern, pattern);
        return module.bytes();
    }

    private static void text(ByteArrayOutputStream out, String text, int length) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < length; i++) {
            out.write(i < bytes.length ? bytes[i] : 0);
        }
    }

    private static void word(ByteArrayOutputStream out, int value) {
        out.write((value >> 8) & 0xFF);
        out.write(value & 0xFF);
    }
}
