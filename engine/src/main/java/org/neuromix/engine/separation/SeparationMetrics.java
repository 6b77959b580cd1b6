package org.neuromix.engine.separation;

import java.util.Arrays;

import org.neuromix.engine.audio.AudioBuffer;

/**
 * Separation quality as the SiSEC 2018 / MUSDB18 evaluations compute it.
 *
 * <p><b>SDR, BSS Eval v4</b> (A. Liutkus, F.-R. Stöter and N. Ito, "The 2018 Signal Separation
 * Evaluation Campaign", LVA/ICA 2018; museval's {@code bss_eval} with its defaults for MUSDB18:
 * images, time-invariant 512-tap distortion filters, one-second windows and hops). For images the
 * true image plus the spatial, interference and artefact errors add up to the estimate, so the SDR of
 * a window is {@code 10 log10(Σ s² / Σ (ŝ − s)²)} over both channels whatever the filters are; we
 * compute exactly that. As museval does, only whole windows count
 * ({@code floor(length / window)}), and a window in which any reference or any estimate is silent
 * (its channel sum is zero throughout) is NaN for every source; a track's score is the median over
 * its windows ignoring NaN, and a method's score the median over tracks.
 *
 * <p><b>SI-SDR</b> (J. Le Roux, S. Wisdom, H. Erdogan and J. R. Hershey, "SDR — half-baked or well
 * done?", ICASSP 2019): {@code 10 log10(|α s|² / |α s − ŝ|²)} with {@code α = ⟨ŝ, s⟩ / |s|²}, over
 * the whole track with both channels.
 */
public final class SeparationMetrics {
    private SeparationMetrics() {
    }

    /**
     * Framewise BSS Eval v4 SDR in dB: {@code [source][window]}, NaN for windows museval leaves out.
     *
     * @param windowFrames window and hop in frames (museval: one second)
     */
    public static double[][] framewiseSdr(AudioBuffer[] references, AudioBuffer[] estimates, int windowFrames) {
        if (references.length != estimates.length || references.length == 0) {
            throw new IllegalArgumentException("one estimate per reference is needed");
        }
        int length = references[0].frames();
        int windows = windowFrames < length ? (length - windowFrames + windowFrames) / windowFrames : 1;
        int sources = references.length;
        double[][] sdr = new double[sources][windows];
        for (int w = 0; w < windows; w++) {
            int from = w * windowFrames, to = Math.min(length, from + windowFrames);
            boolean silent = false;
            for (int j = 0; j < sources && !silent; j++) {
                silent = isSilent(references[j], from, to) || isSilent(estimates[j], from, to);
            }
            for (int j = 0; j < sources; j++) {
                sdr[j][w] = silent ? Double.NaN : sdrDb(references[j], estimates[j], from, to);
            }
        }
        return sdr;
    }

    private static boolean isSilent(AudioBuffer audio, int from, int to) {
        for (int i = from; i < to; i++) {
            double sum = 0;
            for (int c = 0; c < audio.channels(); c++) {
                sum += audio.channel(c)[i];
            }
            if (sum != 0) {
                return false;
            }
        }
        return true;
    }

    private static double sdrDb(AudioBuffer reference, AudioBuffer estimate, int from, int to) {
        double signal = 0, error = 0;
        for (int c = 0; c < reference.channels(); c++) {
            float[] s = reference.channel(c), e = estimate.channel(c);
            for (int i = from; i < to; i++) {
                signal += (double) s[i] * s[i];
                double d = (double) e[i] - s[i];
                error += d * d;
            }
        }
        return error == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(signal / error);
    }

    /** Scale-invariant SDR in dB over the whole signal, both channels. */
    public static double siSdr(AudioBuffer reference, AudioBuffer estimate) {
        double dot = 0, energy = 0;
        for (int c = 0; c < reference.channels(); c++) {
            float[] s = reference.channel(c), e = estimate.channel(c);
            for (int i = 0; i < reference.frames(); i++) {
                dot += (double) s[i] * e[i];
                energy += (double) s[i] * s[i];
            }
        }
        if (energy == 0) {
            return Double.NaN;
        }
        double alpha = dot / energy, target = 0, error = 0;
        for (int c = 0; c < reference.channels(); c++) {
            float[] s = reference.channel(c), e = estimate.channel(c);
            for (int i = 0; i < reference.frames(); i++) {
                double t = alpha * s[i];
                target += t * t;
                error += (t - e[i]) * (t - e[i]);
            }
        }
        return error == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(target / error);
    }

    /** Median ignoring NaN; NaN when nothing is left (numpy's nanmedian). */
    public static double nanMedian(double[] values) {
        double[] kept = Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (kept.length == 0) {
            return Double.NaN;
        }
        int n = kept.length;
        return (n & 1) == 1 ? kept[n / 2] : 0.5 * (kept[n / 2 - 1] + kept[n / 2]);
    }
}
