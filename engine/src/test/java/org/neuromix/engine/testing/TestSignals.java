package org.neuromix.engine.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.neuromix.engine.audio.AudioBuffer;

/** Golden test signals, synthesised in code (EBU Tech 3341/3342 style sines, noise, silence). */
public final class TestSignals {
    private TestSignals() {
    }

    /** One segment of a sine: peak level per channel in dBFS (NaN = silent channel) and length. */
    public record Segment(double[] peakDbfsPerChannel, double seconds) {
    }

    /** A segment with the same peak level on every one of {@code channels} channels. */
    public static Segment segment(int channels, double peakDbfs, double seconds) {
        double[] levels = new double[channels];
        java.util.Arrays.fill(levels, peakDbfs);
        return new Segment(levels, seconds);
    }

    /**
     * Continuous-phase sines of {@code frequencyHz} whose level changes from segment to segment,
     * as the EBU test signals are built.
     */
    public static AudioBuffer sineSegments(int sampleRateHz, double frequencyHz, List<Segment> segments) {
        int channels = segments.get(0).peakDbfsPerChannel().length;
        long total = 0;
        for (Segment segment : segments) {
            total += Math.round(segment.seconds() * sampleRateHz);
        }
        AudioBuffer buffer = new AudioBuffer(channels, Math.toIntExact(total));
        int frame = 0;
        for (Segment segment : segments) {
            int frames = (int) Math.round(segment.seconds() * sampleRateHz);
            for (int channel = 0; channel < channels; channel++) {
                double level = segment.peakDbfsPerChannel()[channel];
                double amplitude = Double.isNaN(level) ? 0.0 : Math.pow(10.0, level / 20.0);
                float[] samples = buffer.channel(channel);
                for (int i = 0; i < frames; i++) {
                    samples[frame + i] = (float) (amplitude * Math.sin(2.0 * Math.PI * frequencyHz * (frame + i) / sampleRateHz));
                }
            }
            frame += frames;
        }
        return buffer;
    }

    /** A steady sine on every channel. */
    public static AudioBuffer sine(int sampleRateHz, int channels, double frequencyHz, double peakDbfs, double seconds) {
        return sineSegments(sampleRateHz, frequencyHz, List.of(segment(channels, peakDbfs, seconds)));
    }

    /** A sine with a phase offset in degrees, for true-peak tests (EBU Tech 3341 cases 15-19). */
    public static AudioBuffer sineWithPhase(int sampleRateHz, int channels, double frequencyHz, double peakDbfs,
                                            double phaseDegrees, double seconds) {
        int frames = (int) Math.round(seconds * sampleRateHz);
        AudioBuffer buffer = new AudioBuffer(channels, frames);
        double amplitude = Math.pow(10.0, peakDbfs / 20.0);
        double phase = Math.toRadians(phaseDegrees);
        for (int channel = 0; channel < channels; channel++) {
            float[] samples = buffer.channel(channel);
            for (int i = 0; i < frames; i++) {
                samples[i] = (float) (amplitude * Math.sin(2.0 * Math.PI * frequencyHz * i / sampleRateHz + phase));
            }
        }
        return buffer;
    }

    /** Alternating levels repeated: {@code count} times (first level for firstSeconds, then second). */
    public static List<Segment> alternating(int channels, double firstDbfs, double firstSeconds,
                                            double secondDbfs, double secondSeconds, int count) {
        List<Segment> segments = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            segments.add(segment(channels, firstDbfs, firstSeconds));
            segments.add(segment(channels, secondDbfs, secondSeconds));
        }
        return segments;
    }

    /** Seeded white noise, uniform in ±amplitude. */
    public static AudioBuffer noise(int sampleRateHz, int channels, double seconds, double amplitude, long seed) {
        int frames = (int) Math.round(seconds * sampleRateHz);
        AudioBuffer buffer = new AudioBuffer(channels, frames);
        Random random = new Random(seed);
        for (int channel = 0; channel < channels; channel++) {
            float[] samples = buffer.channel(channel);
            for (int i = 0; i < frames; i++) {
                samples[i] = (float) ((random.nextDouble() * 2.0 - 1.0) * amplitude);
            }
        }
        return buffer;
    }

    /** Music-like test material: decaying tone bursts over pink-ish noise, seeded. */
    public static AudioBuffer programme(int sampleRateHz, int channels, double seconds, long seed) {
        int frames = (int) Math.round(seconds * sampleRateHz);
        AudioBuffer buffer = new AudioBuffer(channels, frames);
        Random random = new Random(seed);
        for (int channel = 0; channel < channels; channel++) {
            float[] samples = buffer.channel(channel);
            double lowpassed = 0.0;
            double burstFrequency = 110.0;
            double burstPhase = 0.0;
            double envelope = 0.0;
            for (int i = 0; i < frames; i++) {
                if (i % (sampleRateHz / 4) == 0) {
                    burstFrequency = 110.0 * Math.pow(2.0, random.nextInt(36) / 12.0);
                    envelope = 0.2 + 0.6 * random.nextDouble();
                }
                envelope *= 0.99995;
                burstPhase += 2.0 * Math.PI * burstFrequency / sampleRateHz;
                lowpassed += 0.05 * (random.nextGaussian() - lowpassed);
                samples[i] = (float) (envelope * Math.sin(burstPhase) * 0.7 + 0.3 * lowpassed);
            }
        }
        return buffer;
    }

    /**
     * Raised-cosine fade-in and fade-out of {@code seconds} each, in place. A tone that starts
     * abruptly is a step, and its band-limited reconstruction really overshoots; faded edges keep
     * true-peak tests about the steady tone.
     */
    public static AudioBuffer fadeEdges(AudioBuffer buffer, int sampleRateHz, double seconds) {
        int fadeFrames = (int) Math.round(seconds * sampleRateHz);
        for (int channel = 0; channel < buffer.channels(); channel++) {
            float[] samples = buffer.channel(channel);
            for (int i = 0; i < fadeFrames && i < buffer.frames(); i++) {
                float gain = (float) (0.5 - 0.5 * Math.cos(Math.PI * i / fadeFrames));
                samples[i] *= gain;
                samples[buffer.frames() - 1 - i] *= gain;
            }
        }
        return buffer;
    }

    /** A copy of frames [from, from + frames) of {@code buffer}. */
    public static AudioBuffer slice(AudioBuffer buffer, int from, int frames) {
        AudioBuffer slice = new AudioBuffer(buffer.channels(), frames);
        for (int channel = 0; channel < buffer.channels(); channel++) {
            System.arraycopy(buffer.channel(channel), from, slice.channel(channel), 0, frames);
        }
        return slice;
    }
}
