package org.neuromix.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.neuromix.engine.audio.AudioBuffer;
import org.neuromix.engine.train.SingingVoice.Kind;
import org.neuromix.engine.train.SingingVoice.Note;

/** The sung voice has the right pitch, distinct vowels, GM velocity levels and clean edges. */
class SingingVoiceTest {
    private static final int RATE = SingingVoice.SAMPLE_RATE_HZ;

    @Test
    void sustainedNotesSingAtTheirPitchWithVibratoAveragedOut() {
        for (Kind kind : Kind.values()) {
            for (int[] pitchAndHz : new int[][] {{69, 440}, {57, 220}}) {
                AudioBuffer sung = SingingVoice.sing(List.of(new Note(0.0, 1.0, pitchAndHz[0], 100)), kind, 3, RATE + RATE / 5);
                double measuredHz = fundamentalHz(sung.channel(0), (int) (0.35 * RATE), (int) (0.95 * RATE), pitchAndHz[1]);
                System.out.printf("pitch %d %s: %.1f Hz%n", pitchAndHz[0], kind, measuredHz);
                assertEquals(pitchAndHz[1], measuredHz, 0.03 * pitchAndHz[1], kind + " pitch " + pitchAndHz[0]);
            }
        }
    }

    @Test
    void vowelIHasMoreEnergyAbove2kHzThanVowelA() {
        for (int pitch : new int[] {57, 69}) {
            List<Note> note = List.of(new Note(0.0, 1.0, pitch, 100));
            double ratioA = highToLowEnergyRatio(SingingVoice.singVowel(note, SingingVoice.Vowel.A, 1, RATE).channel(0));
            double ratioI = highToLowEnergyRatio(SingingVoice.singVowel(note, SingingVoice.Vowel.I, 1, RATE).channel(0));
            double differenceDb = 10 * Math.log10(ratioI / ratioA);
            System.out.printf("pitch %d: E(>2k)/E(<1k) a %.1f dB, i %.1f dB, i-a %.1f dB%n",
                    pitch, 10 * Math.log10(ratioA), 10 * Math.log10(ratioI), differenceDb);
            assertTrue(differenceDb > 10, "i should be much brighter than a, difference " + differenceDb + " dB");
        }
    }

    @Test
    void velocityFollowsTheGeneralMidiSquareLawAndFullVelocityPeaksNearHalfScale() {
        AudioBuffer loud = SingingVoice.sing(List.of(new Note(0.1, 0.8, 64, 127)), Kind.LEAD, 9, RATE);
        AudioBuffer soft = SingingVoice.sing(List.of(new Note(0.1, 0.8, 64, 64)), Kind.LEAD, 9, RATE);
        double ratioDb = 20 * Math.log10(rms(soft.channel(0)) / rms(loud.channel(0)));
        System.out.printf("velocity 64 vs 127: %.2f dB (expected %.2f)%n", ratioDb, 40 * Math.log10(64 / 127.0));
        assertEquals(40 * Math.log10(64 / 127.0), ratioDb, 1.5);

        double lowestPeak = 1, highestPeak = 0;
        for (Kind kind : Kind.values()) {
            for (int pitch : new int[] {48, 60, 72}) {
                for (SingingVoice.Vowel vowel : SingingVoice.Vowel.values()) {
                    List<Note> note = List.of(new Note(0.0, 0.8, pitch, 127));
                    float[] sung = kind == Kind.LEAD
                            ? SingingVoice.singVowel(note, vowel, 2, RATE).channel(0)
                            : SingingVoice.sing(note, kind, pitch + vowel.ordinal(), RATE).channel(0);
                    double peak = peak(sung);
                    lowestPeak = Math.min(lowestPeak, peak);
                    highestPeak = Math.max(highestPeak, peak);
                    assertTrue(peak > 0.35 && peak < 0.7, kind + " " + vowel + " at " + pitch + " peaks at " + peak);
                }
            }
        }
        System.out.printf("velocity-127 peaks %.2f..%.2f%n", lowestPeak, highestPeak);
    }

    @Test
    void leadSyllablesOpenWithConsonantsBackingStaysOnVowels() {
        List<Note> melody = melody(new Random(6), 30);
        double leadHighDb = highBandShareDb(SingingVoice.sing(melody, Kind.LEAD, 3, 16 * RATE).channel(0));
        double backingHighDb = highBandShareDb(SingingVoice.sing(melody, Kind.BACKING, 3, 16 * RATE).channel(0));
        System.out.printf("energy above 4 kHz: lead %.1f dB, backing %.1f dB of the total%n", leadHighDb, backingHighDb);
        // Fricatives (s 5-9 kHz, sh 2.5-5 kHz) and bursts put far more energy up there than vowels do.
        assertTrue(leadHighDb > backingHighDb + 10, "lead " + leadHighDb + " dB, backing " + backingHighDb + " dB");
    }

    /** Share of the energy above 4 kHz, in dB, from Hann-windowed spectra of consecutive blocks. */
    private static double highBandShareDb(float[] x) {
        double high = 0, total = 0;
        int size = 4096;
        for (int from = 0; from + size <= x.length; from += size) {
            double[] re = new double[size];
            double[] im = new double[size];
            for (int i = 0; i < size; i++) {
                re[i] = x[from + i] * (0.5 - 0.5 * Math.cos(2 * Math.PI * i / size));
            }
            fft(re, im);
            for (int bin = 1; bin < size / 2; bin++) {
                double power = re[bin] * re[bin] + im[bin] * im[bin];
                total += power;
                if ((double) bin * RATE / size > 4000) {
                    high += power;
                }
            }
        }
        return 10 * Math.log10(high / total);
    }

    @Test
    void sameSeedSameSamplesOtherSeedOtherSamples() {
        List<Note> melody = melody(new Random(4), 12);
        for (Kind kind : Kind.values()) {
            AudioBuffer first = SingingVoice.sing(melody, kind, 11, 6 * RATE);
            AudioBuffer again = SingingVoice.sing(melody, kind, 11, 6 * RATE);
            AudioBuffer other = SingingVoice.sing(melody, kind, 12, 6 * RATE);
            assertArrayEquals(first.channel(0), again.channel(0));
            assertArrayEquals(first.channel(0), first.channel(1), "mono in the centre");
            assertFalse(Arrays.equals(first.channel(0), other.channel(0)));
        }
    }

    @Test
    void exactFramesSilenceBetweenNotesAndBoundedOutput() {
        List<Note> notes = List.of(new Note(0.5, 0.4, 60, 110), new Note(1.5, 0.3, 67, 127), new Note(1.7, 0.5, 72, 127));
        for (Kind kind : Kind.values()) {
            AudioBuffer sung = SingingVoice.sing(notes, kind, 5, 2 * RATE + 17);
            assertEquals(2, sung.channels());
            assertEquals(2 * RATE + 17, sung.frames());
            float[] left = sung.channel(0);
            assertEquals(0, peak(Arrays.copyOfRange(left, 0, RATE / 2)), "silent before the first note");
            // First note ends at 0.9 s; its release is over by 1.0 s; the next starts at 1.5 s.
            assertEquals(0, peak(Arrays.copyOfRange(left, (int) (1.05 * RATE), (int) (1.5 * RATE))), "silent between notes");
            assertTrue(rms(Arrays.copyOfRange(left, (int) (0.6 * RATE), (int) (0.85 * RATE))) > 0.01, "the first note sounds");
            for (float sample : left) {
                assertTrue(Float.isFinite(sample) && Math.abs(sample) <= 1);
            }
        }
        // Extreme but valid input stays finite and bounded.
        List<Note> extremes = List.of(new Note(0, 0.5, 0, 127), new Note(0.2, 0.5, 127, 127), new Note(0.3, 0, 60, 1),
                new Note(0.3, 0.001, 200, 1), new Note(0.3, 0.3, -20, 127));
        for (float sample : SingingVoice.sing(extremes, Kind.LEAD, 1, RATE).channel(0)) {
            assertTrue(Float.isFinite(sample) && Math.abs(sample) <= 1);
        }
    }

    @Test
    void emptyInputsAndInvalidArguments() {
        assertEquals(0, SingingVoice.sing(List.of(new Note(0, 1, 60, 100)), Kind.LEAD, 1, 0).frames());
        AudioBuffer empty = SingingVoice.sing(List.of(), Kind.BACKING, 1, 1000);
        assertEquals(1000, empty.frames());
        assertEquals(0, peak(empty.channel(0)));

        assertThrows(IllegalArgumentException.class, () -> SingingVoice.sing(List.of(), Kind.LEAD, 1, -1));
        String negative = assertThrows(IllegalArgumentException.class,
                () -> SingingVoice.sing(List.of(new Note(0, -0.1, 60, 100)), Kind.LEAD, 1, 100)).getMessage();
        assertTrue(negative.contains("lengthSeconds"), negative);
        String zero = assertThrows(IllegalArgumentException.class,
                () -> SingingVoice.sing(List.of(new Note(0, 1, 60, 0)), Kind.LEAD, 1, 100)).getMessage();
        assertTrue(zero.contains("velocity"), zero);
        assertThrows(IllegalArgumentException.class, () -> SingingVoice.sing(List.of(new Note(0, 1, 60, 128)), Kind.LEAD, 1, 100));
        assertThrows(IllegalArgumentException.class, () -> SingingVoice.sing(List.of(new Note(-1, 1, 60, 100)), Kind.LEAD, 1, 100));
        assertThrows(IllegalArgumentException.class,
                () -> SingingVoice.sing(List.of(new Note(Double.NaN, 1, 60, 100)), Kind.LEAD, 1, 100));
    }

    @Test
    void thirtySecondsOfMelodyRenderQuickly() {
        List<Note> melody = melody(new Random(8), 60);
        SingingVoice.sing(melody, Kind.LEAD, 1, RATE); // warm up
        long started = System.nanoTime();
        AudioBuffer lead = SingingVoice.sing(melody, Kind.LEAD, 1, 30 * RATE);
        AudioBuffer backing = SingingVoice.sing(melody, Kind.BACKING, 1, 30 * RATE);
        System.out.printf("30 s lead + backing rendered in %.0f ms%n", (System.nanoTime() - started) / 1e6);
        assertTrue(rms(lead.channel(0)) > 0.01 && rms(backing.channel(0)) > 0.01);
    }

    /** A legato-ish melody of quarter and eighth notes with some rests and overlaps, about 30 s for 60 notes. */
    private static List<Note> melody(Random random, int count) {
        List<Note> notes = new ArrayList<>();
        double time = 0.2;
        int pitch = 64;
        for (int i = 0; i < count; i++) {
            double length = random.nextBoolean() ? 0.5 : 0.25;
            double gap = switch (random.nextInt(4)) {
                case 0 -> 0.1;
                case 1 -> -0.02;
                default -> 0;
            };
            pitch = Math.max(55, Math.min(76, pitch + random.nextInt(7) - 3));
            notes.add(new Note(time, length, pitch, 70 + random.nextInt(58)));
            time += length + gap;
        }
        return notes;
    }

    /**
     * Autocorrelation pitch near the expected one (within a fifth either way), checked against octave
     * errors: the signal must repeat well at that period (no subharmonic) and clearly less well at
     * half of it (a voice sounding an octave higher would repeat equally well there).
     */
    private static double fundamentalHz(float[] x, int from, int to, double expectedHz) {
        int minLag = (int) Math.floor(RATE / (1.5 * expectedHz));
        int maxLag = (int) Math.ceil(RATE * 1.5 / expectedHz);
        int length = to - from - maxLag - 1;
        double best = -1;
        int bestLag = minLag;
        for (int lag = minLag; lag <= maxLag; lag++) {
            double r = correlation(x, from, length, lag);
            if (r > best) {
                best = r;
                bestLag = lag;
            }
        }
        double halfPeriod = correlation(x, from, length, (int) Math.round(bestLag / 2.0));
        System.out.printf("  period %d samples: r %.3f, at half the period r %.3f%n", bestLag, best, halfPeriod);
        assertTrue(best > 0.8, "the voice repeats at its period, r " + best);
        assertTrue(halfPeriod < best - 0.02, "no octave-up error: r at half the period " + halfPeriod + " vs " + best);
        double left = correlation(x, from, length, bestLag - 1);
        double right = correlation(x, from, length, bestLag + 1);
        double offset = 0.5 * (left - right) / (left - 2 * best + right);
        return RATE / (bestLag + (Double.isFinite(offset) && Math.abs(offset) <= 1 ? offset : 0));
    }

    private static double correlation(float[] x, int from, int length, int lag) {
        double sum = 0, energyA = 0, energyB = 0;
        for (int i = from; i < from + length; i++) {
            sum += x[i] * x[i + lag];
            energyA += x[i] * x[i];
            energyB += x[i + lag] * x[i + lag];
        }
        return sum / Math.sqrt(energyA * energyB + 1e-30);
    }

    /** Energy above 2 kHz over energy below 1 kHz, from a Hann-windowed spectrum of the steady part. */
    private static double highToLowEnergyRatio(float[] x) {
        int size = 16384;
        int from = (int) (0.4 * RATE);
        double[] re = new double[size];
        double[] im = new double[size];
        for (int i = 0; i < size; i++) {
            re[i] = x[from + i] * (0.5 - 0.5 * Math.cos(2 * Math.PI * i / size));
        }
        fft(re, im);
        double low = 0, high = 0;
        for (int bin = 1; bin < size / 2; bin++) {
            double hz = (double) bin * RATE / size;
            double power = re[bin] * re[bin] + im[bin] * im[bin];
            if (hz < 1000) {
                low += power;
            } else if (hz > 2000) {
                high += power;
            }
        }
        return high / low;
    }

    private static void fft(double[] re, double[] im) {
        int n = re.length;
        for (int i = 1, j = 0; i < n; i++) {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) {
                j ^= bit;
            }
            j ^= bit;
            if (i < j) {
                double t = re[i]; re[i] = re[j]; re[j] = t;
                t = im[i]; im[i] = im[j]; im[j] = t;
            }
        }
        for (int length = 2; length <= n; length <<= 1) {
            double angle = -2 * Math.PI / length;
            for (int start = 0; start < n; start += length) {
                for (int k = 0; k < length / 2; k++) {
                    double wr = Math.cos(angle * k), wi = Math.sin(angle * k);
                    int a = start + k, b = start + k + length / 2;
                    double xr = re[b] * wr - im[b] * wi, xi = re[b] * wi + im[b] * wr;
                    re[b] = re[a] - xr; im[b] = im[a] - xi;
                    re[a] += xr; im[a] += xi;
                }
            }
        }
    }

    private static double rms(float[] x) {
        double sum = 0;
        for (float v : x) {
            sum += v * v;
        }
        return Math.sqrt(sum / Math.max(1, x.length));
    }

    private static double peak(float[] x) {
        double peak = 0;
        for (float v : x) {
            peak = Math.max(peak, Math.abs(v));
        }
        return peak;
    }
}
