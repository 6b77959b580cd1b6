package org.neuromix.engine.separation;

import java.nio.file.Path;
import java.util.Locale;

/** Picks a {@link Separator} by the name used on the command line and in the service. */
public final class Separators {
    /**
     * The method the service and the command line use unless told otherwise: the shipped learned
     * models (mean SDR 5.96 dB against the DSP separator's 2.29 dB on the held-out songs).
     */
    public static final String DEFAULT_METHOD = "learned";

    private Separators() {
    }

    /**
     * {@code dsp} (the built-in separator), {@code learned} (the models shipped with this build),
     * {@code learned:DIR} (models written by {@code neuromix train-separator} into DIR).
     * {@code onnx:PATH} (a user-supplied ONNX model, see {@link OnnxSeparator} for its layout);
     * null means {@link #DEFAULT_METHOD}.
     *
     * @throws IllegalArgumentException for an unknown or unavailable method
     */
    public static Separator forMethod(String method) {
        String m = method == null ? DEFAULT_METHOD : method.trim();
        if (m.equalsIgnoreCase("dsp")) {
            return new DspSeparator();
        }
        if (m.equalsIgnoreCase("learned")) {
            LearnedSeparator bundled = LearnedSeparator.bundled();
            if (bundled == null) {
                throw new IllegalArgumentException("this build ships no learned separator models;"
                        + " train them with neuromix train-separator and use --method learned:DIR");
            }
            return bundled;
        }
        if (m.toLowerCase(Locale.ROOT).startsWith("learned:")) {
            Path directory = Path.of(m.substring("learned:".length()));
            try {
                return LearnedSeparator.load(directory);
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException("cannot load the separator models in " + directory + ": " + e.getMessage());
            }
        }
        if (m.toLowerCase(Locale.ROOT).startsWith("onnx:")) {
            return OnnxSeparator.open(Path.of(m.substring("onnx:".length())));
        }
        throw new IllegalArgumentException("unknown separation method '" + m + "': use dsp, learned or onnx:PATH");
    }
}
