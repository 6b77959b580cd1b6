package org.neuromix.engine.analysis;

import java.nio.file.Path;

import org.jtransforms.fft.FloatFFT_1D;
import org.neuromix.engine.audio.AudioBuffer;
import org.neuromix.engine.io.AudioFileException;
import org.neuromix.engine.io.AudioReader;

/**
 * Multi-resolution STFT distance between two signals (Yamamoto, Song and Kim, "Parallel WaveGAN",
 * ICASSP 2020): at each of the window sizes 512, 2048 and 8192 (Hann, hop a quarter window) the
 * spectral convergence ‖|S_a| − |S_b|‖ / ‖|S_a|‖ plus the mean absolute difference of the log
 * magnitudes, averaged over the resolutions. 0 for identical signals; the mid (L+R)/2 signal is
 * compared, over the shorter length.
 */
public final class MultiResolutionStft {
    private static final int[] WINDOWS = {512, 2048, 8192};

    private MultiResolutionStft() {
    }

    public static double distance(Path a, Path b) throws AudioFileException {
        float[] x = mid(a);
        float[] y = mid(b);
        int length = Math.min(x.length, y.length);
        double total = 0;
        for (int window : WINDOWS) {
            total += distance(x, y, length, window);
        }
        return total / WINDOWS.length;
    }

    private static double distance(float[] x, float[] y, int length, int window) {
        int hop = window / 4;
        FloatFFT_1D fft = new FloatFFT_1D(window);
        float[] hann = new float[window];
        for (int i = 0; i < window; i++) {
            hann[i] = (float) (0.5 - 0.5 * Math.cos(2 * Math.PI * i / window));
        }
        float[] fx = new float[window];
        float[] fy = new float[window];
        double difference = 0, reference = 0, logDistance = 0;
        long bins = 0;
        for (int start = 0; start + window <= length; start += hop) {
            for (int i = 0; i < window; i++) {
                fx[i] = x[start + i] * hann[i];
                fy[i] = y[start + i] * hann[i];
            }
            fft.realForward(fx);
            fft.realForward(fy);
            for (int k = 1; k < window / 2; k++) {
                double mx = Math.hypot(fx[2 * k], fx[2 * k + 1]);
                double my = Math.hypot(fy[2 * k], fy[2 * k + 1]);
                difference += (mx - my) * (mx - my);
                reference += mx * mx;
                logDistance += Math.abs(Math.log(mx + 1e-7) - Math.log(my + 1e-7));
                bins++;
            }
        }
        if (bins == 0 || reference == 0) {
            return 0;
        }
        return Math.sqrt(difference / reference) + logDistance / bins;
    }

    private static float[] mid(Path file) throws AudioFileException {
        try (AudioReader reader = AudioReader.open(file, 48_000, 2)) {
            int frames = (int) Math.round(reader.info().durationSeconds() * 48_000) + 48_000;
            AudioBuffer audio = new AudioBuffer(reader.channels(), frames);
            int count = reader.read(audio);
            float[] mid = new float[count];
            for (int i = 0; i < count; i++) {
                mid[i] = reader.channels() == 1 ? audio.channel(0)[i] : 0.5f * (audio.channel(0)[i] + audio.channel(1)[i]);
            }
            return mid;
        }
    }
}
