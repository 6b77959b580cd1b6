package org.neuromix.engine.separation;

import java.util.Arrays;

import org.jtransforms.fft.FloatFFT_1D;

/**
 * The built-in separator: STFT masking from the literature, no model files. All masks are
 * computed on the power-averaged magnitude {@code S = sqrt((|X_L|² + |X_R|²) / 2)} of a
 * square-root-Hann STFT ({@link #fftSize} ≈ 85 ms, hop a quarter window, perfect reconstruction).
 *
 * <ol>
 * <li><b>Drums — harmonic/percussive separation by median filtering</b> (D. FitzGerald,
 * "Harmonic/Percussive Separation using Median Filtering", DAFx 2010): {@code H} = median of
 * {@code S} along time over {@value #HPSS_TIME_SECONDS} s, {@code P} = median along frequency over
 * {@value #HPSS_FREQUENCY_HZ} Hz; percussive soft mask {@code P² / (H² + P²)} (his Wiener-style
 * power-2 mask).</li>
 * <li><b>Bass — low-frequency harmonic content</b>: the harmonic part below
 * {@value #BASS_FULL_HZ} Hz, tapering (raised cosine on a log-frequency axis) to nothing at
 * {@value #BASS_ZERO_HZ} Hz.</li>
 * <li><b>Vocals — repetition and the centre channel</b>: REPET-SIM (Z. Rafii and B. Pardo,
 * "Music/Voice Separation using the Similarity Matrix", ISMIR 2012) on the remaining harmonic
 * part — for each frame, the {@value #REPET_NEIGHBOURS} most similar frames (cosine similarity of
 * log-band magnitudes) within ±{@value #REPET_WINDOW_SECONDS} s and at least
 * {@value #REPET_MIN_DISTANCE_SECONDS} s away; their per-bin median, capped by the frame itself,
 * models the repeating accompaniment; the non-repeating rest {@code N} gets the mask
 * {@code N² / (N² + R²)} — weighted by a centre-channel cue, the in-phase inter-channel similarity
 * {@code max(0, 2 Re(X_L X_R*) / (|X_L|² + |X_R|²))} (C. Avendano and J.-M. Jot, "A
 * Frequency-Domain Approach to Multichannel Upmix", JAES 52(7/8), 2004), and by a vocal band of
 * {@value #VOCAL_LOW_HZ}–{@value #VOCAL_HIGH_HZ} Hz.</li>
 * <li><b>Other</b>: what is left; the four first-pass masks sum to one.</li>
 * <li><b>Multichannel Wiener filter</b> (N. Q. K. Duong, E. Vincent and R. Gribonval,
 * "Under-determined reverberant audio source separation using a full-rank spatial covariance
 * model", IEEE TASLP 18(7), 2010; one iteration as in norbert / Open-Unmix, Stöter et al., JOSS
 * 2019): each stem's power {@code v_j = m_j² |X|²/2} and spatial covariance {@code R_j} (its
 * first-pass images' covariance over ±{@value #SPATIAL_WINDOW_SECONDS} s per bin, normalised by
 * {@code Σ v_j}) give {@code ŝ_j = v_j R_j (Σ_k v_k R_k + δI)⁻¹ x}; the small residual left by the
 * regulariser {@code δ} is then shared in proportion to {@code v_j} (mixture-consistency
 * projection, Wisdom et al., ICASSP 2019), so the stems' spectra sum exactly to the mixture's and
 * {@code other} is taken as the mixture minus the other three in the time domain.</li>
 * </ol>
 *
 * <p>Every step looks at most a bounded number of frames away, so {@link #contextFrames} is exact
 * and {@link ChunkedSeparation} gives the same stems chunked as whole. Latency (offline use):
 * {@link #contextFrames}. Single-threaded; one instance may be used from several threads (no state).
 */
public final class DspSeparator implements Separator {
    static final double HPSS_TIME_SECONDS = 0.36;
    static final double HPSS_FREQUENCY_HZ = 200;
    static final double BASS_FULL_HZ = 120;
    static final double BASS_ZERO_HZ = 250;
    static final double VOCAL_LOW_HZ = 150;
    static final double VOCAL_HIGH_HZ = 10000;
    static final double REPET_WINDOW_SECONDS = 6;
    static final double REPET_MIN_DISTANCE_SECONDS = 0.4;
    static final int REPET_NEIGHBOURS = 8;
    static final double SPATIAL_WINDOW_SECONDS = 1;
    /** Log-spaced bands of the REPET-SIM similarity features, from 80 Hz to 12 kHz. */
    private static final int FEATURE_BANDS = 40;
    /** Regulariser of the mixture covariance, relative to its mean diagonal. */
    private static final double WIENER_REGULARISER = 1e-4;
    private static final float TINY = 1e-20f;

    @Override
    public String name() {
        return "dsp";
    }

    /** STFT size at a sample rate: 4096 at 44.1 and 48 kHz, scaled with the rate (a power of two). */
    public static int fftSize(int sampleRateHz) {
        int exponent = (int) Math.round(Math.log(sampleRateHz * 4096.0 / 48_000) / Math.log(2));
        return 1 << Math.max(8, Math.min(15, exponent));
    }

    @Override
    public int alignmentFrames(int sampleRateHz) {
        return fftSize(sampleRateHz) / 4;
    }

    @Override
    public int contextFrames(int sampleRateHz) {
        Params p = new Params(sampleRateHz);
        return (p.spatialHalf + p.repetHalf + p.timeHalf + 2) * p.hop + p.n;
    }

    /** Frame- and bin-counts derived from the sample rate. */
    static final class Params {
        final int rate, n, hop, bins, timeHalf, freqHalf, repetHalf, repetMinDistance, spatialHalf;
        final double binHz;

        Params(int rate) {
            this.rate = rate;
            n = fftSize(rate);
            hop = n / 4;
            bins = n / 2 + 1;
            binHz = rate / (double) n;
            double hopSeconds = hop / (double) rate;
            timeHalf = Math.max(1, (int) Math.round(HPSS_TIME_SECONDS / hopSeconds / 2));
            freqHalf = Math.max(1, (int) Math.round(HPSS_FREQUENCY_HZ / binHz / 2));
            repetHalf = Math.max(1, (int) Math.round(REPET_WINDOW_SECONDS / hopSeconds));
            repetMinDistance = Math.max(1, (int) Math.round(REPET_MIN_DISTANCE_SECONDS / hopSeconds));
            spatialHalf = Math.max(1, (int) Math.round(SPATIAL_WINDOW_SECONDS / hopSeconds));
        }
    }

    @Override
    public float[][][] separate(float[][] stereo, int frames, int sampleRateHz) {
        Params p = new Params(sampleRateHz);
        if (frames == 0) {
            return new float[4][2][0];
        }
        Analysis a = analyse(stereo, frames, p);
        FirstPass first = firstPass(a);
        return resynthesise(stereo, a, first.masks());
    }

    /** The STFT of an excerpt: packed spectra per channel, the mean magnitude, the centre cue. */
    record Analysis(Params p, int frames, int count, float[][][] spectra, float[][] magnitude, float[][] centre,
                    float[] window, FloatFFT_1D fft) {
    }

    /**
     * The first-pass masks {@code [vocals, drums, bass][frame][bin]} (other = 1 − their sum), and the
     * intermediate cues: the percussive mask and REPET-SIM's non-repeating mask.
     */
    record FirstPass(float[][][] masks, float[][] percussive, float[][] nonRepeating) {
    }

    static Params params(int sampleRateHz) {
        return new Params(sampleRateHz);
    }

    static Analysis analyse(float[][] stereo, int frames, Params p) {
        int n = p.n, hop = p.hop, bins = p.bins;
        // STFT frames start at t*hop - (n - hop), so every sample is covered by n/hop frames.
        int pad = n - hop;
        int count = (frames - 1 + pad) / hop + 1;
        float[] window = new float[n];
        for (int i = 0; i < n; i++) {
            window[i] = (float) Math.sqrt(0.5 - 0.5 * Math.cos(2 * Math.PI * i / n));
        }
        FloatFFT_1D fft = new FloatFFT_1D(n);
        float[][][] spectra = new float[2][count][];
        float[][] magnitude = new float[count][bins];
        float[][] centre = new float[count][bins];
        for (int t = 0; t < count; t++) {
            int start = t * hop - pad;
            for (int c = 0; c < 2; c++) {
                float[] frame = new float[n];
                int from = Math.max(0, -start), to = Math.min(n, frames - start);
                float[] x = stereo[c];
                for (int i = from; i < to; i++) {
                    frame[i] = x[start + i] * window[i];
                }
                fft.realForward(frame);
                spectra[c][t] = frame;
            }
            float[] l = spectra[0][t], r = spectra[1][t];
            for (int k = 0; k < bins; k++) {
                float lr = re(l, k, n), li = im(l, k, n), rr = re(r, k, n), ri = im(r, k, n);
                float pl = lr * lr + li * li, pr = rr * rr + ri * ri;
                magnitude[t][k] = (float) Math.sqrt(0.5f * (pl + pr));
                float cross = lr * rr + li * ri;
                centre[t][k] = pl + pr > TINY ? Math.max(0f, 2 * cross / (pl + pr)) : 1f;
            }
        }
        return new Analysis(p, frames, count, spectra, magnitude, centre, window, fft);
    }

    static FirstPass firstPass(Analysis a) {
        Params p = a.p();
        int count = a.count(), bins = p.bins;
        // 1. HPSS (FitzGerald 2010): percussive mask, then the harmonic magnitude.
        float[][] percussiveMask = new float[count][bins];
        float[][] harmonic = new float[count][bins];
        hpss(a.magnitude(), count, bins, p, percussiveMask, harmonic);

        // 2. Bass weight and vocal band per bin.
        float[] bassWeight = bassWeights(p);
        float[] vocalBand = new float[bins];
        int vocalBins = 0;
        for (int k = 0; k < bins; k++) {
            double f = k * p.binHz;
            vocalBand[k] = (float) ((1 - lowTaper(f, VOCAL_LOW_HZ / 1.5, VOCAL_LOW_HZ))
                    * lowTaper(f, VOCAL_HIGH_HZ, Math.min(VOCAL_HIGH_HZ * 1.4, p.rate / 2.0)));
            if (vocalBand[k] > 0) {
                vocalBins = k + 1;
            }
        }

        // 3. REPET-SIM on the harmonic part: vocal (non-repeating) soft mask.
        float[][] vocalMask = repetSim(harmonic, count, bins, vocalBins, p);

        // First-pass masks: vocals, drums, bass (other = 1 - their sum).
        float[][][] masks = new float[3][count][bins];
        for (int t = 0; t < count; t++) {
            for (int k = 0; k < bins; k++) {
                float mp = percussiveMask[t][k];
                float mh = 1 - mp;
                masks[0][t][k] = mh * (1 - bassWeight[k]) * vocalMask[t][k] * a.centre()[t][k] * vocalBand[k];
                masks[1][t][k] = mp;
                masks[2][t][k] = mh * bassWeight[k];
            }
        }
        return new FirstPass(masks, percussiveMask, vocalMask);
    }

    static float[] bassWeights(Params p) {
        float[] bassWeight = new float[p.bins];
        for (int k = 0; k < p.bins; k++) {
            bassWeight[k] = (float) lowTaper(k * p.binHz, BASS_FULL_HZ, BASS_ZERO_HZ);
        }
        return bassWeight;
    }

    /**
     * Multichannel Wiener filter from first-pass masks {@code [vocals, drums, bass][frame][bin]},
     * inverse STFT, and other = mixture − the three.
     */
    static float[][][] resynthesise(float[][] stereo, Analysis a, float[][][] masks) {
        int frames = a.frames();
        float[][][] out = new float[4][2][frames];
        wienerAndResynthesise(a.spectra(), masks, a.count(), frames, a.p(), a.window(), a.fft(), out);
        // Other = mixture - the three others (exact mixture consistency, saves three inverse FFTs).
        for (int c = 0; c < 2; c++) {
            float[] x = stereo[c], o = out[3][c], v = out[0][c], d = out[1][c], b = out[2][c];
            for (int i = 0; i < frames; i++) {
                o[i] = x[i] - v[i] - d[i] - b[i];
            }
        }
        return out;
    }

    static float re(float[] packed, int k, int n) {
        return k == 0 ? packed[0] : k == n / 2 ? packed[1] : packed[2 * k];
    }

    static float im(float[] packed, int k, int n) {
        return k == 0 || k == n / 2 ? 0f : packed[2 * k + 1];
    }

    /** 1 up to {@code fullHz}, raised-cosine on log frequency to 0 at {@code zeroHz}. */
    private static double lowTaper(double f, double fullHz, double zeroHz) {
        if (f <= fullHz) {
            return 1;
        }
        if (f >= zeroHz) {
            return 0;
        }
        double x = Math.log(f / fullHz) / Math.log(zeroHz / fullHz);
        return 0.5 + 0.5 * Math.cos(Math.PI * x);
    }

    private static void hpss(float[][] s, int count, int bins, Params p, float[][] percussiveMask, float[][] harmonic) {
        float[][] h = new float[count][bins];
        float[] column = new float[count], medians = new float[count];
        float[] scratch = new float[2 * Math.max(p.timeHalf, p.freqHalf) + 2];
        for (int k = 0; k < bins; k++) {
            for (int t = 0; t < count; t++) {
                column[t] = s[t][k];
            }
            SlidingMedian.apply(column, count, p.timeHalf, medians, scratch);
            for (int t = 0; t < count; t++) {
                h[t][k] = medians[t];
            }
        }
        float[] row = new float[bins];
        for (int t = 0; t < count; t++) {
            SlidingMedian.apply(s[t], bins, p.freqHalf, row, scratch);
            for (int k = 0; k < bins; k++) {
                float hh = h[t][k] * h[t][k], pp = row[k] * row[k];
                float mask = hh + pp > TINY ? pp / (hh + pp) : 0f;
                percussiveMask[t][k] = mask;
                harmonic[t][k] = (1 - mask) * s[t][k];
            }
        }
    }

    /** REPET-SIM: per frame, the soft mask of what does not repeat in similar frames nearby. */
    private static float[][] repetSim(float[][] harmonic, int count, int bins, int vocalBins, Params p) {
        // Log-band features, unit length.
        int bands = FEATURE_BANDS;
        int[] bandOf = new int[bins];
        double low = 80, high = Math.min(12_000, p.rate / 2.0 * 0.95);
        for (int k = 0; k < bins; k++) {
            double f = Math.max(low, Math.min(high, k * p.binHz));
            bandOf[k] = Math.min(bands - 1, (int) (bands * Math.log(f / low) / Math.log(high / low)));
        }
        float[][] features = new float[count][bands];
        for (int t = 0; t < count; t++) {
            double[] power = new double[bands];
            for (int k = 0; k < bins; k++) {
                power[bandOf[k]] += (double) harmonic[t][k] * harmonic[t][k];
            }
            double norm = 0;
            for (int b = 0; b < bands; b++) {
                power[b] = Math.sqrt(power[b]);
                norm += power[b] * power[b];
            }
            norm = Math.sqrt(norm);
            for (int b = 0; b < bands; b++) {
                features[t][b] = norm > 0 ? (float) (power[b] / norm) : 0f;
            }
        }
        float[][] mask = new float[count][bins];
        int k = REPET_NEIGHBOURS;
        int[] best = new int[k];
        float[] bestSimilarity = new float[k];
        float[] values = new float[k];
        for (int t = 0; t < count; t++) {
            int found = 0;
            int from = Math.max(0, t - p.repetHalf), to = Math.min(count - 1, t + p.repetHalf);
            for (int u = from; u <= to; u++) {
                if (Math.abs(u - t) < p.repetMinDistance) {
                    continue;
                }
                float similarity = 0;
                float[] a = features[t], b = features[u];
                for (int j = 0; j < bands; j++) {
                    similarity += a[j] * b[j];
                }
                // Keep the k most similar, ties to the earlier frame (deterministic in any chunking).
                if (found < k) {
                    int i = found++;
                    while (i > 0 && bestSimilarity[i - 1] < similarity) {
                        bestSimilarity[i] = bestSimilarity[i - 1];
                        best[i] = best[i - 1];
                        i--;
                    }
                    bestSimilarity[i] = similarity;
                    best[i] = u;
                } else if (similarity > bestSimilarity[k - 1]) {
                    int i = k - 1;
                    while (i > 0 && bestSimilarity[i - 1] < similarity) {
                        bestSimilarity[i] = bestSimilarity[i - 1];
                        best[i] = best[i - 1];
                        i--;
                    }
                    bestSimilarity[i] = similarity;
                    best[i] = u;
                }
            }
            float[] frame = harmonic[t];
            if (found == 0) {
                continue; // nothing to compare with: all of it counts as repeating (no vocals)
            }
            for (int bin = 0; bin < vocalBins; bin++) {
                for (int i = 0; i < found; i++) {
                    values[i] = harmonic[best[i]][bin];
                }
                float repeating = Math.min(frame[bin], median(values, found));
                float rest = frame[bin] - repeating;
                float rr = repeating * repeating, nn = rest * rest;
                mask[t][bin] = rr + nn > TINY ? nn / (rr + nn) : 0f;
            }
        }
        return mask;
    }

    private static float median(float[] values, int count) {
        Arrays.sort(values, 0, count);
        return (count & 1) == 1 ? values[count / 2] : 0.5f * (values[count / 2 - 1] + values[count / 2]);
    }

    private static void wienerAndResynthesise(float[][][] spectra, float[][][] masks, int count, int frames, Params p,
                                       float[] window, FloatFFT_1D fft, float[][][] out) {
        int n = p.n, hop = p.hop, bins = p.bins, pad = n - hop, w = p.spatialHalf;
        int stems = 4;
        // Running window sums per stem and bin: power v, |x0|², |x1|², Re and Im of x0 x1*, all weighted by m².
        double[][][] sums = new double[stems][5][bins];
        float[] m = new float[stems];
        for (int t = 0; t <= Math.min(count - 1, w); t++) {
            accumulate(spectra, masks, t, +1, sums, p, m);
        }
        float[][][] stemFrames = new float[3][2][n];
        float[] vj = new float[stems];
        double[][] rj = new double[stems][4];
        double[][] stemEstimates = new double[stems][4];
        for (int t = 0; t < count; t++) {
            if (t > 0) {
                if (t + w < count) {
                    accumulate(spectra, masks, t + w, +1, sums, p, m);
                }
                if (t - w - 1 >= 0) {
                    accumulate(spectra, masks, t - w - 1, -1, sums, p, m);
                }
            }
            float[] l = spectra[0][t], r = spectra[1][t];
            for (int j = 0; j < 3; j++) {
                Arrays.fill(stemFrames[j][0], 0f);
                Arrays.fill(stemFrames[j][1], 0f);
            }
            for (int k = 0; k < bins; k++) {
                float x0r = re(l, k, n), x0i = im(l, k, n), x1r = re(r, k, n), x1i = im(r, k, n);
                double px = 0.5 * (x0r * x0r + x0i * x0i + x1r * x1r + x1i * x1i);
                float rest = 1;
                for (int j = 0; j < 3; j++) {
                    m[j] = masks[j][t][k];
                    rest -= m[j];
                }
                m[3] = Math.max(0f, rest);
                // Mixture covariance C = Σ v_j R_j + δ I (Hermitian 2x2: c00, c11 real; c01 complex).
                double c00 = 0, c11 = 0, c01r = 0, c01i = 0, vTotal = 0;
                for (int j = 0; j < stems; j++) {
                    double v = m[j] * m[j] * px;
                    double norm = sums[j][0][k];
                    double[] rr = rj[j];
                    if (norm > 1e-30) {
                        rr[0] = sums[j][1][k] / norm;
                        rr[1] = sums[j][2][k] / norm;
                        rr[2] = sums[j][3][k] / norm;
                        rr[3] = sums[j][4][k] / norm;
                    } else {
                        rr[0] = 1;
                        rr[1] = 1;
                        rr[2] = 0;
                        rr[3] = 0;
                    }
                    vj[j] = (float) v;
                    vTotal += v;
                    c00 += v * rr[0];
                    c11 += v * rr[1];
                    c01r += v * rr[2];
                    c01i += v * rr[3];
                }
                double delta = WIENER_REGULARISER * 0.5 * (c00 + c11) + 1e-30;
                c00 += delta;
                c11 += delta;
                double det = c00 * c11 - (c01r * c01r + c01i * c01i);
                // y = C⁻¹ x, with C⁻¹ = [[c11, -c01], [-conj(c01), c00]] / det.
                double y0r = (c11 * x0r - (c01r * x1r - c01i * x1i)) / det;
                double y0i = (c11 * x0i - (c01r * x1i + c01i * x1r)) / det;
                double y1r = (c00 * x1r - (c01r * x0r + c01i * x0i)) / det;
                double y1i = (c00 * x1i - (c01r * x0i - c01i * x0r)) / det;
                double e0r = x0r, e0i = x0i, e1r = x1r, e1i = x1i;
                double[][] est = stemEstimates;
                for (int j = 0; j < stems; j++) {
                    double v = vj[j];
                    double[] rr = rj[j];
                    // ŝ_j = v_j R_j y, R_j = [[r00, r01], [conj(r01), r11]].
                    double a0r = v * (rr[0] * y0r + rr[2] * y1r - rr[3] * y1i);
                    double a0i = v * (rr[0] * y0i + rr[2] * y1i + rr[3] * y1r);
                    double a1r = v * (rr[2] * y0r + rr[3] * y0i + rr[1] * y1r);
                    double a1i = v * (rr[2] * y0i - rr[3] * y0r + rr[1] * y1i);
                    est[j][0] = a0r;
                    est[j][1] = a0i;
                    est[j][2] = a1r;
                    est[j][3] = a1i;
                    e0r -= a0r;
                    e0i -= a0i;
                    e1r -= a1r;
                    e1i -= a1i;
                }
                // Mixture-consistency projection: the residual shared in proportion to each stem's power.
                for (int j = 0; j < 3; j++) {
                    double share = vTotal > 1e-30 ? vj[j] / vTotal : 0.25;
                    double a0r = est[j][0] + share * e0r, a0i = est[j][1] + share * e0i;
                    double a1r = est[j][2] + share * e1r, a1i = est[j][3] + share * e1i;
                    put(stemFrames[j][0], k, n, (float) a0r, (float) a0i);
                    put(stemFrames[j][1], k, n, (float) a1r, (float) a1i);
                }
            }
            // Inverse FFT and overlap-add (sqrt-Hann twice at hop n/4 sums to 2).
            int start = t * hop - pad;
            for (int j = 0; j < 3; j++) {
                for (int c = 0; c < 2; c++) {
                    float[] frame = stemFrames[j][c];
                    fft.realInverse(frame, true);
                    float[] target = out[j][c];
                    int from = Math.max(0, -start), to = Math.min(n, frames - start);
                    for (int i = from; i < to; i++) {
                        target[start + i] += 0.5f * frame[i] * window[i];
                    }
                }
            }
        }
    }

    private static void put(float[] packed, int k, int n, float real, float imaginary) {
        if (k == 0) {
            packed[0] = real;
        } else if (k == n / 2) {
            packed[1] = real;
        } else {
            packed[2 * k] = real;
            packed[2 * k + 1] = imaginary;
        }
    }

    private static void accumulate(float[][][] spectra, float[][][] masks, int t, int sign, double[][][] sums, Params p,
                                   float[] m) {
        float[] l = spectra[0][t], r = spectra[1][t];
        int n = p.n;
        for (int k = 0; k < p.bins; k++) {
            float x0r = re(l, k, n), x0i = im(l, k, n), x1r = re(r, k, n), x1i = im(r, k, n);
            double p0 = x0r * x0r + x0i * x0i, p1 = x1r * x1r + x1i * x1i;
            double cr = x0r * x1r + x0i * x1i, ci = x0i * x1r - x0r * x1i;
            float rest = 1;
            for (int j = 0; j < 3; j++) {
                m[j] = masks[j][t][k];
                rest -= m[j];
            }
            m[3] = Math.max(0f, rest);
            for (int j = 0; j < 4; j++) {
                double g = sign * (double) m[j] * m[j];
                double[][] s = sums[j];
                s[0][k] += g * 0.5 * (p0 + p1);
                s[1][k] += g * p0;
                s[2][k] += g * p1;
                s[3][k] += g * cr;
                s[4][k] += g * ci;
            }
        }
    }
}
