package org.neuromix.engine.separation;

import java.util.Locale;

/** Picks a {@link Separator} by the name used on the command line and in the service. */
public final class Separators {
    private Separators() {
    }

    /**
     * {@code dsp} (the built-in separator). {@code learned} and {@code onnx:PATH} are named by
     * issue 7 but not built yet; they are refused with a one-line reason.
     *
     * @throws IllegalArgumentException for an unknown or unavailable method
     */
    public static Separator forMethod(String method) {
        String m = method == null ? "dsp" : method.trim();
        if (m.equalsIgnoreCase("dsp")) {
            return new DspSeparator();
        }
        if (m.equalsIgnoreCase("learned")) {
            throw new IllegalArgumentException("the learned separator is not available in this build yet; use --method dsp");
        }
        if (m.toLowerCase(Locale.ROOT).startsWith("onnx:")) {
            throw new IllegalArgumentException("ONNX separation is not available in this build yet; use --method dsp");
        }
        throw new IllegalArgumentException("unknown separation method '" + m + "': use dsp, learned or onnx:PATH");
    }
}
