package org.neuromix.app.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.neuromix.engine.audio.AudioBuffer;
import org.neuromix.engine.io.AudioEncoding;
import org.neuromix.engine.io.AudioWriter;

/** Four short stems of a band, synthesised (kick, bass DI, lead vocal-like tone, guitar), 44.1 kHz mono. */
public final class TestStems {
    public static final List<String> NAMES = List.of("Kick.wav", "Bass DI.wav", "Lead Vox.wav", "Gtr.wav");

    private TestStems() {
    }

    public static List<Path> write(Path folder, double seconds) throws IOException {
        int rate = 44_100;
        int frames = (int) (seconds * rate);
        float[] kick = new float[frames];
        float[] bass = new float[frames];
        float[] vox = new float[frames];
        float[] gtr = new float[frames];
        Random random = new Random(7);
        for (int beat = 0; beat * rate / 2 < frames; beat++) {
            int start = beat * rate / 2;
            for (int i = 0; i < rate * 0.15 && start + i < frames; i++) {
                kick[start + i] += (float) (0.9 * Math.sin(2 * Math.PI * 55 * i / rate) * Math.exp(-i / (0.04 * rate)));
            }
        }
        for (int i = 0; i < frames; i++) {
            double t = i / (double) rate;
            bass[i] = (float) (0.4 * Math.sin(2 * Math.PI * 82 * t) * (0.6 + 0.4 * Math.sin(2 * Math.PI * 2 * t)));
            double phrase = Math.sin(2 * Math.PI * 0.5 * t) > -0.3 ? 1 : 0;
            vox[i] = (float) (0.3 * phrase * Math.sin(2 * Math.PI * 440 * t + 3 * Math.sin(2 * Math.PI * 5 * t)));
            gtr[i] = (float) (0.1 * Math.signum(Math.sin(2 * Math.PI * 196 * t)) + 0.02 * random.nextGaussian());
        }
        float[][] signals = {kick, bass, vox, gtr};
        List<Path> files = new java.util.ArrayList<>();
        for (int s = 0; s < signals.length; s++) {
            Path file = folder.resolve(NAMES.get(s));
            AudioWriter.write(file, AudioEncoding.WAV_PCM_16, rate, new AudioBuffer(new float[][] {signals[s]}));
            files.add(file);
        }
        return files;
    }
}
