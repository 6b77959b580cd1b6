package org.neuromix.engine.separation;

import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;

/**
 * Runs a user-supplied waveform-to-waveform separation model (e.g. an exported HT-Demucs or a
 * time-domain wrapper around Open-Unmix) with ONNX Runtime 1.28.
 *
 * <p><b>Layout.</b> One float32 input {@code [1, 2, T]} (batch, channel L/R, frames, full scale ±1)
 * and one float32 output {@code [1, 4, 2, T]} (batch, stem, channel, frames). Stems are in the order
 * vocals, drums, bass, other, unless the model's metadata property {@value #STEMS_METADATA} lists
 * them otherwise, comma-separated (Demucs: {@code drums,bass,other,vocals}). An optional metadata
 * property {@value #RATE_METADATA} (e.g. {@code 44100}) makes the input be resampled to that rate.
 * {@code T} may be dynamic (the whole chunk runs at once) or fixed (the chunk runs in segments of
 * {@code T} frames overlapping by a quarter, joined with linear cross-fades and zero-padded at the end).
 *
 * <p>Chunked inference: {@link ChunkedSeparation} gives the model {@value #CONTEXT_SECONDS} s of
 * context either side of each 30 s chunk and cross-fades the joins; a model with a longer memory
 * is still click-free, but not exactly equal chunked and whole. Mixture consistency is enforced by
 * {@link ChunkedSeparation} whatever the model outputs.
 */
public final class OnnxSeparator implements Separator, AutoCloseable {
    public static final String STEMS_METADATA = "stems";
    public static final String RATE_METADATA = "sample_rate";
    public static final double CONTEXT_SECONDS = 2.0;

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final String inputName;
    private final long fixedFrames;
    private final int[] modelIndexOfStem;
    private final int sampleRateHz;
    private final String name;

    private OnnxSeparator(OrtEnvironment environment, OrtSession session, String inputName, long fixedFrames,
                          int[] modelIndexOfStem, int sampleRateHz, String name) {
        this.environment = environment;
        this.session = session;
        this.inputName = inputName;
        this.fixedFrames = fixedFrames;
        this.modelIndexOfStem = modelIndexOfStem;
        this.sampleRateHz = sampleRateHz;
        this.name = name;
    }

    /**
     * Loads and checks a model.
     *
     * @throws IllegalArgumentException with a one-line reason when the file is missing, not an ONNX
     *                                  model, or has another layout than the one documented above
     */
    public static OnnxSeparator open(Path model) {
        if (!Files.isRegularFile(model)) {
            throw new IllegalArgumentException("ONNX model not found: " + model);
        }
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        OrtSession session;
        try {
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())));
            session = environment.createSession(model.toString(), options);
        } catch (OrtException e) {
            throw new IllegalArgumentException(model + " is not a usable ONNX model: " + firstLine(e.getMessage()));
        }
        try {
            if (session.getNumInputs() != 1 || session.getNumOutputs() < 1) {
                throw new IllegalArgumentException(model + ": expected one input [1, 2, T] and an output [1, 4, 2, T]");
            }
            Map.Entry<String, NodeInfo> input = session.getInputInfo().entrySet().iterator().next();
            NodeInfo output = session.getOutputInfo().values().iterator().next();
            long[] in = shape(input.getValue()), out = shape(output);
            if (in == null || in.length != 3 || (in[1] != 2 && in[1] != -1) || out == null || out.length != 4
                    || (out[1] != 4 && out[1] != -1) || (out[2] != 2 && out[2] != -1)) {
                throw new IllegalArgumentException(model + ": expected a float input [1, 2, T] and output [1, 4, 2, T], got "
                        + Arrays.toString(in) + " and " + Arrays.toString(out));
            }
            Map<String, String> metadata = session.getMetadata().getCustomMetadata();
            int[] order = order(model, metadata.get(STEMS_METADATA));
            int rate = 0;
            if (metadata.containsKey(RATE_METADATA)) {
                try {
                    rate = Integer.parseInt(metadata.get(RATE_METADATA).trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(model + ": metadata " + RATE_METADATA + " is not a number");
                }
            }
            return new OnnxSeparator(environment, session, input.getKey(), in[2], order, rate,
                    "onnx:" + model.getFileName());
        } catch (OrtException | RuntimeException e) {
            try {
                session.close();
            } catch (OrtException ignored) {
                // already failing
            }
            if (e instanceof IllegalArgumentException iae) {
                throw iae;
            }
            throw new IllegalArgumentException(model + ": cannot read the model's inputs: " + firstLine(e.getMessage()));
        }
    }

    private static long[] shape(NodeInfo info) {
        return info.getInfo() instanceof TensorInfo tensor ? tensor.getShape() : null;
    }

    private static int[] order(Path model, String stems) {
        int[] index = {0, 1, 2, 3};
        if (stems == null) {
            return index;
        }
        String[] names = stems.split(",");
        if (names.length != 4) {
            throw new IllegalArgumentException(model + ": metadata " + STEMS_METADATA + " must name 4 stems, was " + stems);
        }
        Arrays.fill(index, -1);
        for (int i = 0; i < 4; i++) {
            Stem stem;
            try {
                stem = Stem.valueOf(names[i].trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(model + ": unknown stem '" + names[i].trim() + "' in metadata " + STEMS_METADATA);
            }
            index[stem.ordinal()] = i;
        }
        for (int i : index) {
            if (i < 0) {
                throw new IllegalArgumentException(model + ": metadata " + STEMS_METADATA + " must name each stem once");
            }
        }
        return index;
    }

    private static String firstLine(String message) {
        return message == null ? "unknown error" : message.strip().lines().findFirst().orElse("unknown error");
    }

    @Override
    public String name() {
        return name;
    }

    /** The rate the model wants ({@value #RATE_METADATA} metadata), or 0 for any. */
    @Override
    public int preferredSampleRateHz() {
        return sampleRateHz;
    }

    @Override
    public int contextFrames(int sampleRateHz) {
        return (int) Math.round(CONTEXT_SECONDS * sampleRateHz);
    }

    @Override
    public int alignmentFrames(int sampleRateHz) {
        return 1;
    }

    @Override
    public float[][][] separate(float[][] stereo, int frames, int sampleRateHz) {
        float[][][] out = new float[4][2][frames];
        if (frames == 0) {
            return out;
        }
        if (fixedFrames <= 0) {
            run(stereo, 0, frames, frames, out, null);
            return out;
        }
        int segment = (int) fixedFrames;
        int overlap = segment / 4;
        int hop = Math.max(1, segment - overlap);
        float[] weightSum = new float[frames];
        float[] ramp = new float[segment];
        for (int i = 0; i < segment; i++) {
            float up = overlap == 0 ? 1f : Math.min(1f, (i + 1f) / (overlap + 1f));
            float down = overlap == 0 ? 1f : Math.min(1f, (segment - i) / (overlap + 1f));
            ramp[i] = Math.min(up, down);
        }
        for (int start = 0; ; start += hop) {
            float[] weights = Arrays.copyOf(ramp, segment);
            if (start == 0) {
                for (int i = 0; i < overlap && i < segment; i++) {
                    weights[i] = Math.max(weights[i], 1f); // nothing before the first segment
                }
            }
            boolean last = start + segment >= frames;
            if (last) {
                for (int i = segment - overlap; i < segment; i++) {
                    weights[i] = 1f; // nothing after the last segment
                }
            }
            run(stereo, start, Math.min(segment, frames - start), segment, out, weights);
            for (int i = 0; i < segment && start + i < frames; i++) {
                weightSum[start + i] += weights[i];
            }
            if (last) {
                break;
            }
        }
        for (float[][] stem : out) {
            for (float[] channel : stem) {
                for (int i = 0; i < frames; i++) {
                    channel[i] /= weightSum[i];
                }
            }
        }
        return out;
    }

    /** Runs the model on {@code valid} frames from {@code start}, zero-padded to {@code length}, and adds its output (weighted). */
    private void run(float[][] stereo, int start, int valid, int length, float[][][] out, float[] weights) {
        float[] input = new float[2 * length];
        System.arraycopy(stereo[0], start, input, 0, valid);
        System.arraycopy(stereo[1], start, input, length, valid);
        try (OnnxTensor tensor = OnnxTensor.createTensor(environment, FloatBuffer.wrap(input), new long[] {1, 2, length});
             OrtSession.Result result = session.run(Map.of(inputName, tensor))) {
            OnnxTensor output = (OnnxTensor) result.get(0);
            long[] shape = output.getInfo().getShape();
            if (shape.length != 4 || shape[1] != 4 || shape[2] != 2 || shape[3] != length) {
                throw new IllegalStateException(name + " returned " + Arrays.toString(shape) + ", expected [1, 4, 2, "
                        + length + "]");
            }
            FloatBuffer values = output.getFloatBuffer();
            for (Stem stem : Stem.values()) {
                int m = modelIndexOfStem[stem.ordinal()];
                for (int c = 0; c < 2; c++) {
                    int base = (m * 2 + c) * length;
                    float[] target = out[stem.ordinal()][c];
                    for (int i = 0; i < valid; i++) {
                        float v = values.get(base + i);
                        target[start + i] += weights == null ? v : v * weights[i];
                    }
                }
            }
        } catch (OrtException e) {
            throw new IllegalStateException(name + " failed: " + firstLine(e.getMessage()), e);
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            // nothing to do at close
        }
    }
}
