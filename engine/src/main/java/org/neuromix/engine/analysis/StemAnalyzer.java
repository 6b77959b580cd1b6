package org.neuromix.engine.analysis;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jtransforms.fft.DoubleFFT_1D;
import org.neuromix.engine.audio.AudioBuffer;
import org.neuromix.engine.io.AudioFileException;
import org.neuromix.engine.io.AudioReader;
import org.neuromix.engine.loudness.LoudnessMeter;

/**
 * Listens to a stem once, streaming, at the 48 kHz working rate: EBU R128 loudness and peaks
 * ({@link LoudnessMeter}), level statistics, stereo image, and a short-time spectrum (JTransforms
 * real FFT, 4096-point Hann window, hop 2048 = 42.7 ms) of the mid signal for 1/3-octave band
 * energies, spectral centroid, roll-off (85 %), flatness (Wiener entropy) and transient density
 * (peaks of the half-wave-rectified spectral flux of the band levels, after Bello et al., "A
 * Tutorial on Onset Detection in Music Signals", IEEE TASLP 2005). Keeps the per-frame band
 * levels (28 floats per 43 ms) for the masking analysis.
 *
 * <p>Silent stems give finite neutral values (levels at {@value #FLOOR_DB} dB), never NaN.
 */
public final class StemAnalyzer {
    public static final int RATE_HZ = 48_000;
    static final int FFT_SIZE = 4096;
    static final int HOP = 2048;
    public static final double HOP_SECONDS = HOP / (double) RATE_HZ;
    static final double FLOOR_DB = -120.0;
    private static final double ROLLOFF_SHARE = 0.85;
    private static final double LOW_FREQUENCY_LIMIT_HZ = 120.0;
    /** A frame is active when within this many dB of the loudest frame (and above -60 dBFS). */
    private static final double ACTIVITY_RANGE_DB = 45.0;
    private static final double ACTIVITY_FLOOR_DBFS = -60.0;
    private static final long MANTISSA_BITS = 0x000F_FFFF_FFFF_FFFFL;
    private static final long UNIT_EXPONENT_BITS = 0x3FF0_0000_0000_0000L;
    private static final double LN_2 = Math.log(2.0);

    private StemAnalyzer() {
    }

    public static StemAnalysis analyze(Path file) throws AudioFileException {
        try (AudioReader reader = AudioReader.open(file, RATE_HZ, 2)) {
            return new Pass(reader.channels()).run(reader, file);
        }
    }

    /** The state of one analysis. */
    private static final class Pass {
        final int channels;
        final LoudnessMeter meter;
        final DoubleFFT_1D fft = new DoubleFFT_1D(FFT_SIZE);
        final double[] window = new double[FFT_SIZE];
        final float[] mono = new float[FFT_SIZE];
        final double[] spectrum = new double[FFT_SIZE];
        final double[] longTermPower = new double[FFT_SIZE / 2 + 1];
        final int[] bandOfBin = new int[FFT_SIZE / 2 + 1];
        final List<float[]> envelope = new ArrayList<>();
        float[] frameEnergyDb = new float[1024];
        float[] frameFlatness = new float[1024];
        float[] frameFlux = new float[1024];
        int frames;
        double sumLeft, sumRight, sumCross, sumMid, sumSide;
        long totalFrames;

        Pass(int channels) {
            this.channels = channels;
            this.meter = LoudnessMeter.forFrontChannels(RATE_HZ, channels);
            for (int i = 0; i < FFT_SIZE; i++) {
                window[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / FFT_SIZE);
            }
            for (int k = 0; k <= FFT_SIZE / 2; k++) {
                bandOfBin[k] = Bands.bandOf(k * (double) RATE_HZ / FFT_SIZE);
            }
        }

        StemAnalysis run(AudioReader reader, Path file) throws AudioFileException {
            AudioBuffer block = new AudioBuffer(channels, HOP);
            int count;
            while ((count = reader.read(block)) > 0) {
                meter.accept(block, 0, count);
                float[] left = block.channel(0);
                float[] right = channels > 1 ? block.channel(1) : left;
                System.arraycopy(mono, HOP, mono, 0, FFT_SIZE - HOP);
                double energy = 0;
                double blockLeft = 0, blockRight = 0, blockCross = 0, blockMid = 0, blockSide = 0;
                for (int i = 0; i < count; i++) {
                    double l = left[i], r = right[i];
                    blockLeft += l * l;
                    blockRight += r * r;
                    blockCross += l * r;
                    double mid = 0.5 * (l + r), side = 0.5 * (l - r);
                    blockMid += mid * mid;
                    blockSide += side * side;
                    energy += 0.5 * (l * l + r * r);
                    mono[FFT_SIZE - HOP + i] = (float) mid;
                }
                // A short last block: the rest of the frame is silence.
                Arrays.fill(mono, FFT_SIZE - HOP + count, FFT_SIZE, 0f);
                sumLeft += blockLeft;
                sumRight += blockRight;
                sumCross += blockCross;
                sumMid += blockMid;
                sumSide += blockSide;
                totalFrames += count;
                spectralFrame(energy / HOP);
            }
            return finish(file);
        }

        private void spectralFrame(double meanSquare) {
            for (int i = 0; i < FFT_SIZE; i++) {
                spectrum[i] = mono[i] * window[i];
            }
            fft.realForward(spectrum);
            float[] bands = new float[Bands.CENTRES_HZ.length];
            double[] bandPower = new double[bands.length];
            double linearSum = 0;
            int flatnessBins = 0;
            // The flatness's log-sum without a logarithm per bin: exponents summed exactly, mantissas
            // (in [1, 2)) multiplied in groups of 32 and the group's product logged once.
            long exponentSum = 0;
            double mantissaProduct = 1, mantissaLogSum = 0;
            for (int k = 0; k <= FFT_SIZE / 2; k++) {
                double re = k == FFT_SIZE / 2 ? spectrum[1] : spectrum[2 * k];
                double im = k == 0 || k == FFT_SIZE / 2 ? 0 : spectrum[2 * k + 1];
                double power = re * re + im * im;
                longTermPower[k] += power;
                if (bandOfBin[k] >= 0) {
                    bandPower[bandOfBin[k]] += power;
                }
                double frequency = k * (double) RATE_HZ / FFT_SIZE;
                if (frequency >= 100 && frequency <= 16_000) {
                    long bits = Double.doubleToRawLongBits(power + 1e-20);
                    exponentSum += ((bits >>> 52) & 0x7FF) - 1023;
                    mantissaProduct *= Double.longBitsToDouble((bits & MANTISSA_BITS) | UNIT_EXPONENT_BITS);
                    linearSum += power + 1e-20;
                    flatnessBins++;
                    if ((flatnessBins & 31) == 0) {
                        mantissaLogSum += Math.log(mantissaProduct);
                        mantissaProduct = 1;
                    }
                }
            }
            double flux = 0;
            float[] previous = envelope.isEmpty() ? null : envelope.get(envelope.size() - 1);
            for (int b = 0; b < bands.length; b++) {
                bands[b] = (float) Math.max(FLOOR_DB, 10 * Math.log10(bandPower[b] + 1e-30));
                if (previous != null) {
                    flux += Math.max(0, bands[b] - Math.max(previous[b], -80));
                }
            }
            envelope.add(bands);
            if (frames == frameEnergyDb.length) {
                frameEnergyDb = Arrays.copyOf(frameEnergyDb, frames * 2);
                frameFlatness = Arrays.copyOf(frameFlatness, frames * 2);
                frameFlux = Arrays.copyOf(frameFlux, frames * 2);
            }
            frameEnergyDb[frames] = (float) Math.max(FLOOR_DB, 10 * Math.log10(meanSquare + 1e-30));
            double logSum = mantissaLogSum + Math.log(mantissaProduct) + exponentSum * LN_2;
            frameFlatness[frames] = (float) (Math.exp(logSum / flatnessBins) / (linearSum / flatnessBins));
            frameFlux[frames] = (float) flux;
            frames++;
        }

        private StemAnalysis finish(Path file) {
            double duration = totalFrames / (double) RATE_HZ;
            var loudness = meter.measurement();
            float loudest = FLOOR_DB_FLOAT;
            for (int t = 0; t < frames; t++) {
                loudest = Math.max(loudest, frameEnergyDb[t]);
            }
            double gate = Math.max(ACTIVITY_FLOOR_DBFS, loudest - ACTIVITY_RANGE_DB);
            int active = 0;
            double activeEnergy = 0, flatness = 0;
            double[] activeFlux = new double[frames];
            for (int t = 0; t < frames; t++) {
                if (frameEnergyDb[t] > gate) {
                    activeFlux[active] = frameFlux[t];
                    active++;
                    activeEnergy += Math.pow(10, frameEnergyDb[t] / 10);
                    flatness += frameFlatness[t];
                }
            }
            if (active == 0) {
                return silent(file, duration, loudness);
            }
            double rmsDbfs = 10 * Math.log10(activeEnergy / active);
            double total = 0;
            for (double p : longTermPower) {
                total += p;
            }
            double[] bandDb = new double[Bands.CENTRES_HZ.length];
            double centroidSum = 0, lowFrequency = 0;
            for (int k = 0; k <= FFT_SIZE / 2; k++) {
                double frequency = k * (double) RATE_HZ / FFT_SIZE;
                if (bandOfBin[k] >= 0) {
                    bandDb[bandOfBin[k]] += longTermPower[k];
                }
                centroidSum += frequency * longTermPower[k];
                if (frequency < LOW_FREQUENCY_LIMIT_HZ) {
                    lowFrequency += longTermPower[k];
                }
            }
            for (int b = 0; b < bandDb.length; b++) {
                bandDb[b] = Math.max(FLOOR_DB, 10 * Math.log10(bandDb[b] / total + 1e-30));
            }
            double rolloff = 0, cumulative = 0;
            for (int k = 0; k <= FFT_SIZE / 2; k++) {
                cumulative += longTermPower[k];
                if (cumulative >= ROLLOFF_SHARE * total) {
                    rolloff = k * (double) RATE_HZ / FFT_SIZE;
                    break;
                }
            }
            double samplePeakDb = Double.isFinite(loudness.samplePeakDbfs()) ? loudness.samplePeakDbfs() : FLOOR_DB;
            double width = sumMid + sumSide > 0 ? sumSide / (sumMid + sumSide) : 0;
            double correlation = sumLeft > 0 && sumRight > 0 ? sumCross / Math.sqrt(sumLeft * sumRight) : 1;
            return new StemAnalysis(file, channels, duration, loudness, rmsDbfs, samplePeakDb - rmsDbfs,
                    active / (double) frames, bandDb, centroidSum / total, rolloff, flatness / active,
                    countOnsets(Arrays.copyOf(activeFlux, active)) / (active * HOP_SECONDS),
                    width, correlation, lowFrequency / total, envelope.toArray(new float[0][]));
        }

        /** Local maxima of the flux above its mean plus one standard deviation, at least 2 frames apart. */
        private static int countOnsets(double[] flux) {
            if (flux.length < 3) {
                return 0;
            }
            double mean = 0, square = 0;
            for (double f : flux) {
                mean += f;
                square += f * f;
            }
            mean /= flux.length;
            double threshold = mean + Math.sqrt(Math.max(0, square / flux.length - mean * mean));
            int onsets = 0;
            int last = -10;
            for (int t = 1; t + 1 < flux.length; t++) {
                if (flux[t] > threshold && flux[t] > flux[t - 1] && flux[t] >= flux[t + 1] && t - last >= 2) {
                    onsets++;
                    last = t;
                }
            }
            return onsets;
        }

        private StemAnalysis silent(Path file, double duration, org.neuromix.engine.loudness.LoudnessMeasurement loudness) {
            double[] bands = new double[Bands.CENTRES_HZ.length];
            Arrays.fill(bands, FLOOR_DB);
            return new StemAnalysis(file, channels, duration, loudness, FLOOR_DB, 0, 0, bands, 0, 0, 0, 0, 0, 1, 0,
                    envelope.toArray(new float[0][]));
        }

        private static final float FLOOR_DB_FLOAT = (float) FLOOR_DB;
    }
}
