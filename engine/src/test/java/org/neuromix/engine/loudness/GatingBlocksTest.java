package org.neuromix.engine.loudness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neuromix.engine.testing.TestSignals.segment;
import static org.neuromix.engine.testing.TestSignals.sineSegments;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.neuromix.engine.audio.AudioBuffer;
import org.neuromix.engine.audio.ChannelRole;

/** The recorded gating blocks read at a gain give what the meter measures on the audio scaled by that gain. */
class GatingBlocksTest {
    private static final int RATE = 48_000;
    private static final List<ChannelRole> STEREO = List.of(ChannelRole.FRONT, ChannelRole.FRONT);

    /** A quiet programme: 10 s at -45 dBFS, then 60 s at -55 dBFS, which the absolute gate removes once lowered 20 dB. */
    private static AudioBuffer programme() {
        return sineSegments(RATE, 1000.0, List.of(segment(2, -45, 10), segment(2, -55, 60)));
    }

    private static double meteredAt(AudioBuffer audio, double gainDb) {
        AudioBuffer scaled = new AudioBuffer(audio.channels(), audio.frames());
        float gain = (float) Math.pow(10, gainDb / 20);
        for (int channel = 0; channel < audio.channels(); channel++) {
            for (int i = 0; i < audio.frames(); i++) {
                scaled.channel(channel)[i] = audio.channel(channel)[i] * gain;
            }
        }
        scaled.setFrames(audio.frames());
        GatedLoudnessMeter meter = new GatedLoudnessMeter(RATE, STEREO);
        meter.accept(scaled);
        return meter.integratedLufs();
    }

    @Test
    void readAtAGainMatchesTheMeterOnTheScaledAudio() {
        AudioBuffer audio = programme();
        GatingBlocks blocks = new GatingBlocks();
        GatedLoudnessMeter meter = new GatedLoudnessMeter(RATE, STEREO).recordingBlocksInto(blocks);
        meter.accept(audio);
        // 70 s in 100 ms steps, the first block after 400 ms.
        assertEquals(697, blocks.size());
        assertEquals(meter.integratedLufs(), blocks.integratedLufs(0), 0.01);
        for (double gainDb : new double[] {-20, -12, -3, 6, 20}) {
            assertEquals(meteredAt(audio, gainDb), blocks.integratedLufs(gainDb), 0.01, "at " + gainDb + " dB");
        }
        // Not linear near the absolute gate: lowered 20 dB, the long quiet part falls under it and only the louder part counts.
        double linear = blocks.integratedLufs(0) - 20;
        assertTrue(blocks.integratedLufs(-20) - linear > 5, "the gates are applied after the gain");
    }

    @Test
    void silenceAndNothingRecordedAreNaN() {
        GatingBlocks blocks = new GatingBlocks();
        assertTrue(Double.isNaN(blocks.integratedLufs(0)));
        GatedLoudnessMeter meter = new GatedLoudnessMeter(RATE, STEREO).recordingBlocksInto(blocks);
        meter.accept(new AudioBuffer(2, RATE * 2));
        assertTrue(blocks.size() > 0);
        assertTrue(Double.isNaN(blocks.integratedLufs(0)));
        assertTrue(Double.isNaN(blocks.integratedLufs(40)));
    }
}
