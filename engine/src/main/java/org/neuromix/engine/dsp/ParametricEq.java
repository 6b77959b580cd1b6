package org.neuromix.engine.dsp;

import java.util.List;

import org.neuromix.engine.audio.AudioBuffer;
import org.neuromix.engine.audio.ProcessSpec;

/**
 * A multi-band parametric equaliser: {@link BiquadFilter} bands (RBJ Audio EQ Cookbook) in series.
 * Its response is the sum of the bands' responses in dB. Latency: none.
 */
public final class ParametricEq implements Processor {
    private final List<BiquadFilter> bands;

    public ParametricEq(List<BiquadFilter> bands) {
        this.bands = List.copyOf(bands);
    }

    @Override
    public void prepare(ProcessSpec spec) {
        bands.forEach(band -> band.prepare(spec));
    }

    @Override
    public void process(AudioBuffer buffer) {
        for (BiquadFilter band : bands) {
            band.process(buffer);
        }
    }

    @Override
    public void reset() {
        bands.forEach(BiquadFilter::reset);
    }

    public List<BiquadFilter> bands() {
        return bands;
    }

    /** Magnitude response in dB (after {@link #prepare}). */
    public double magnitudeDb(double frequencyHz, double sampleRateHz) {
        double sum = 0;
        for (BiquadFilter band : bands) {
            sum += band.magnitudeDb(frequencyHz, sampleRateHz);
        }
        return sum;
    }
}
