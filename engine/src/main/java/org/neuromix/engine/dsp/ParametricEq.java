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
        int count = 0;
        for (BiquadFilter band : bands) {
            count += band.sectionCount();
        }
        sectionOwner = new BiquadFilter[count];
        sectionIndex = new int[count];
        int k = 0;
        for (BiquadFilter band : bands) {
            for (int section = 0; section < band.sectionCount(); section++) {
                sectionOwner[k] = band;
                sectionIndex[k++] = section;
            }
        }
    }

    /** Every section of every band, in order, as (band, section index) pairs. */
    private BiquadFilter[] sectionOwner = new BiquadFilter[0];
    private int[] sectionIndex = new int[0];

    @Override
    public void process(AudioBuffer buffer) {
        if (buffer.channels() != 2 || sectionOwner.length < 2) {
            for (BiquadFilter band : bands) {
                band.process(buffer);
            }
            return;
        }
        // Stereo: two sections at a time, both channels together (see BiquadFilter.processTwoSectionsStereo).
        float[] left = buffer.channel(0);
        float[] right = buffer.channel(1);
        int k = 0;
        for (; k + 1 < sectionOwner.length; k += 2) {
            BiquadFilter a = sectionOwner[k], b = sectionOwner[k + 1];
            int ia = sectionIndex[k], ib = sectionIndex[k + 1];
            BiquadFilter.processTwoSectionsStereo(a.section(ia), b.section(ib),
                    left, a.state(0), 2 * ia, b.state(0), 2 * ib,
                    right, a.state(1), 2 * ia, b.state(1), 2 * ib, buffer.frames());
        }
        if (k < sectionOwner.length) {
            BiquadFilter a = sectionOwner[k];
            int ia = sectionIndex[k];
            // The odd one out: run it as a cascade with a unity section's cost avoided.
            BiquadFilter.processTwoSectionsStereo(a.section(ia), UNITY,
                    left, a.state(0), 2 * ia, unityState[0], 0,
                    right, a.state(1), 2 * ia, unityState[1], 0, buffer.frames());
        }
    }

    private static final BiquadCoefficients UNITY = new BiquadCoefficients(1, 0, 0, 0, 0);
    private final double[][] unityState = new double[2][2];

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
