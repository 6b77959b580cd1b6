package org.neuromix.engine.separation;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Builds tiny ONNX models for the tests, written as protobuf by hand (onnx.proto3 field numbers), so
 * no model is downloaded and no Python is needed: stem {@code i} of the output is {@code gains[i]}
 * times the input, as {@code Concat(Unsqueeze(Mul(mix, g_i), [1]) ..., axis=1)} at opset 13.
 */
final class OnnxTestModels {
    private OnnxTestModels() {
    }

    /** @param frames the time dimension, or 0 for a dynamic one */
    static Path gains(Path file, float[] gains, long frames, Map<String, String> metadata) throws IOException {
        Pb graph = new Pb().string(2, "gains");
        for (int i = 0; i < gains.length; i++) {
            graph.message(1, node("Mul", new String[] {"mix", "g" + i}, "m" + i, null));
            graph.message(1, node("Unsqueeze", new String[] {"m" + i, "axes"}, "u" + i, null));
        }
        String[] parts = new String[gains.length];
        for (int i = 0; i < gains.length; i++) {
            parts[i] = "u" + i;
        }
        graph.message(1, node("Concat", parts, "stems", new Pb().string(1, "axis").int64(3, 1).int64(20, 2)));
        for (int i = 0; i < gains.length; i++) {
            graph.message(5, new Pb().int64(2, 1).string(8, "g" + i)
                    .bytes(9, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(gains[i]).array()));
        }
        graph.message(5, new Pb().int64(1, 1).int64(2, 7).string(8, "axes")
                .bytes(9, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(1).array()));
        graph.message(11, valueInfo("mix", frames, 1, 2));
        graph.message(12, valueInfo("stems", frames, 1, gains.length, 2));
        Pb model = new Pb().int64(1, 8).string(2, "neuromix-tests").message(7, graph)
                .message(8, new Pb().string(1, "").int64(2, 13));
        for (Map.Entry<String, String> entry : metadata.entrySet()) {
            model.message(14, new Pb().string(1, entry.getKey()).string(2, entry.getValue()));
        }
        Files.write(file, model.bytes());
        return file;
    }

    private static Pb node(String op, String[] inputs, String output, Pb attribute) {
        Pb node = new Pb();
        for (String input : inputs) {
            node.string(1, input);
        }
        node.string(2, output).string(3, op + "_" + output).string(4, op);
        if (attribute != null) {
            node.message(5, attribute);
        }
        return node;
    }

    private static Pb valueInfo(String name, long frames, long... leading) {
        Pb shape = new Pb();
        for (long d : leading) {
            shape.message(1, new Pb().int64(1, d));
        }
        shape.message(1, frames > 0 ? new Pb().int64(1, frames) : new Pb().string(2, "T"));
        Pb tensor = new Pb().int64(1, 1).message(2, shape);
        return new Pb().string(1, name).message(2, new Pb().message(1, tensor));
    }

    /** A minimal protobuf writer: varints and length-delimited fields. */
    static final class Pb {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        private void varint(long value) {
            while ((value & ~0x7FL) != 0) {
                out.write((int) ((value & 0x7F) | 0x80));
                value >>>= 7;
            }
            out.write((int) value);
        }

        Pb int64(int field, long value) {
            varint((long) field << 3);
            varint(value);
            return this;
        }

        Pb bytes(int field, byte[] value) {
            varint(((long) field << 3) | 2);
            varint(value.length);
            out.writeBytes(value);
            return this;
        }

        Pb string(int field, String value) {
            return bytes(field, value.getBytes(StandardCharsets.UTF_8));
        }

        Pb message(int field, Pb value) {
            return bytes(field, value.bytes());
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
