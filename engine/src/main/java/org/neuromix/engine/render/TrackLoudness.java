package org.neuromix.engine.render;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.neuromix.engine.audio.AudioBuffer;
import org.neuromix.engine.audio.ChannelRole;
import org.neuromix.engine.audio.ProcessSpec;
import org.neuromix.engine.io.AudioFileException;
import org.neuromix.engine.io.AudioReader;
import org.neuromix.engine.loudness.GatedLoudnessMeter;
import org.neuromix.engine.loudness.GatingBlocks;
import org.neuromix.engine.plan.MixPlan;

/**
 * Each track's integrated loudness as it enters the mix: the stem through its whole channel strip
 * (gate, EQ, compressor, de-esser, fader, pan), before buses and master. What a planner measures
 * to place every stem at its intended level exactly, dynamics included, without a full render.
 */
public final class TrackLoudness {
    private TrackLoudness() {
    }

    /** Integrated loudness (LUFS, NaN when silent) per track of the plan, in plan order; muted tracks too. */
    public static List<Double> measure(MixPlan plan, Path stemsDirectory) throws AudioFileException {
        List<Double> levels = new ArrayList<>();
        for (GatingBlocks blocks : measureBlocks(plan, stemsDirectory)) {
            levels.add(blocks.integratedLufs(0));
        }
        return levels;
    }

    /**
     * Each track's gating blocks through its strip, in plan order. The fader and the pan come after
     * the dynamics and are linear, so a track's loudness at another fader setting is
     * {@code blocks.integratedLufs(newFaderDb − planFaderDb)}, exactly, without running the strip again.
     */
    public static List<GatingBlocks> measureBlocks(MixPlan plan, Path stemsDirectory) throws AudioFileException {
        int rate = plan.target().sampleRateHz();
        ProcessSpec spec = new ProcessSpec(rate, Renderer.BLOCK_FRAMES, 2);
        return PerTrack.map(plan.tracks(), track -> {
            Path file = stemsDirectory.resolve(track.stem());
            try (AudioReader reader = AudioReader.open(file, rate, 2)) {
                TrackStrip strip = new TrackStrip(track, reader.channels(), spec);
                AudioBuffer source = new AudioBuffer(reader.channels(), Renderer.BLOCK_FRAMES);
                AudioBuffer stereo = new AudioBuffer(2, Renderer.BLOCK_FRAMES);
                GatingBlocks blocks = new GatingBlocks();
                GatedLoudnessMeter meter = new GatedLoudnessMeter(rate, List.of(ChannelRole.FRONT, ChannelRole.FRONT))
                        .recordingBlocksInto(blocks);
                while (reader.read(source) > 0) {
                    strip.process(source, stereo);
                    meter.accept(stereo);
                }
                return blocks;
            }
        });
    }
}
