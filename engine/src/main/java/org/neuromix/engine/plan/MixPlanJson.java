package org.neuromix.engine.plan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.neuromix.engine.plan.MixPlan.BusPlan;
import org.neuromix.engine.plan.MixPlan.CompressorMove;
import org.neuromix.engine.plan.MixPlan.DeEsserMove;
import org.neuromix.engine.plan.MixPlan.EqBand;
import org.neuromix.engine.plan.MixPlan.GainMove;
import org.neuromix.engine.plan.MixPlan.GateMove;
import org.neuromix.engine.plan.MixPlan.LimiterMove;
import org.neuromix.engine.plan.MixPlan.MasterPlan;
import org.neuromix.engine.plan.MixPlan.PanMove;
import org.neuromix.engine.plan.MixPlan.ReverbMove;
import org.neuromix.engine.plan.MixPlan.Send;
import org.neuromix.engine.plan.MixPlan.Target;
import org.neuromix.engine.plan.MixPlan.TrackPlan;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and writes {@link MixPlan} JSON. Reading is strict: unknown fields, wrong types, missing
 * required fields, unknown versions and out-of-range values are refused with a
 * {@link MixPlanException} whose message starts with the field's JSON path. Optional fields take
 * the neutral default (0 dB, centre, no processing, empty reason). Writing is deterministic.
 */
public final class MixPlanJson {
    private static final JsonMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private MixPlanJson() {
    }

    public static MixPlan read(Path file) throws MixPlanException, IOException {
        return read(Files.readString(file));
    }

    public static MixPlan read(String json) throws MixPlanException {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new MixPlanException("", "not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new MixPlanException("", "a mix plan must be a JSON object");
        }
        MixPlan plan = new Reader().plan(root);
        MixPlanValidator.validate(plan);
        return plan;
    }

    public static String write(MixPlan plan) {
        return MAPPER.writeValueAsString(plan) + "\n";
    }

    public static void write(MixPlan plan, Path file) throws IOException {
        Files.writeString(file, write(plan));
    }

    /** Maps the tree to records, checking field names and types with their paths. */
    private static final class Reader {
        MixPlan plan(JsonNode node) throws MixPlanException {
            // The version first: a newer plan may well have fields this reader does not know.
            JsonNode version = node.get("version");
            if (version == null) {
                throw new MixPlanException("version", "required (this NeuroMix reads plan version " + MixPlan.CURRENT_VERSION + ")");
            }
            if (!version.isIntegralNumber() || !version.canConvertToInt() || version.asInt() != MixPlan.CURRENT_VERSION) {
                throw new MixPlanException("version", "unsupported plan version " + version
                        + "; this NeuroMix reads version " + MixPlan.CURRENT_VERSION);
            }
            known(node, "", "version", "target", "tracks", "buses", "master");
            Target target = target(object(node, "target", "", true));
            List<TrackPlan> tracks = new ArrayList<>();
            JsonNode trackArray = array(node, "tracks", "", true);
            for (int i = 0; i < trackArray.size(); i++) {
                tracks.add(track(trackArray.get(i), "tracks[" + i + "]"));
            }
            List<BusPlan> buses = new ArrayList<>();
            JsonNode busArray = array(node, "buses", "", false);
            for (int i = 0; busArray != null && i < busArray.size(); i++) {
                buses.add(bus(busArray.get(i), "buses[" + i + "]"));
            }
            JsonNode master = object(node, "master", "", false);
            return new MixPlan(MixPlan.CURRENT_VERSION, target, tracks, buses,
                    master == null ? MixPlans.neutralMaster() : master(master, "master"));
        }

        Target target(JsonNode node) throws MixPlanException {
            String path = "target";
            known(node, path, "loudnessLufs", "truePeakDbtp", "sampleRateHz", "bitDepth", "reason");
            return new Target(number(node, "loudnessLufs", path, null), number(node, "truePeakDbtp", path, -1.0),
                    integer(node, "sampleRateHz", path, 48_000), integer(node, "bitDepth", path, 24), reason(node, path));
        }

        TrackPlan track(JsonNode node, String path) throws MixPlanException {
            requireObject(node, path);
            known(node, path, "id", "stem", "role", "muted", "gain", "pan", "eq", "gate", "compressor", "deEsser", "sends");
            String stem = text(node, "stem", path, null);
            String id = text(node, "id", path, stem);
            JsonNode gain = object(node, "gain", path, false);
            JsonNode pan = object(node, "pan", path, false);
            List<Send> sends = new ArrayList<>();
            JsonNode sendArray = array(node, "sends", path, false);
            for (int i = 0; sendArray != null && i < sendArray.size(); i++) {
                String sendPath = path + ".sends[" + i + "]";
                JsonNode send = sendArray.get(i);
                requireObject(send, sendPath);
                known(send, sendPath, "bus", "levelDb", "reason");
                sends.add(new Send(text(send, "bus", sendPath, null), number(send, "levelDb", sendPath, null), reason(send, sendPath)));
            }
            return new TrackPlan(id, stem, text(node, "role", path, "other"), bool(node, "muted", path, false),
                    gain == null ? new GainMove(0, false, "") : gain(gain, path + ".gain"),
                    pan == null ? new PanMove(0, 1, "") : pan(pan, path + ".pan"),
                    eq(array(node, "eq", path, false), path + ".eq"),
                    gate(object(node, "gate", path, false), path + ".gate"),
                    compressor(object(node, "compressor", path, false), path + ".compressor"),
                    deEsser(object(node, "deEsser", path, false), path + ".deEsser"),
                    sends);
        }

        GainMove gain(JsonNode node, String path) throws MixPlanException {
            known(node, path, "gainDb", "polarityInverted", "reason");
            return new GainMove(number(node, "gainDb", path, 0.0), bool(node, "polarityInverted", path, false), reason(node, path));
        }

        PanMove pan(JsonNode node, String path) throws MixPlanException {
            known(node, path, "position", "width", "reason");
            return new PanMove(number(node, "position", path, 0.0), number(node, "width", path, 1.0), reason(node, path));
        }

        List<EqBand> eq(JsonNode array, String path) throws MixPlanException {
            List<EqBand> bands = new ArrayList<>();
            for (int i = 0; array != null && i < array.size(); i++) {
                String bandPath = path + "[" + i + "]";
                JsonNode band = array.get(i);
                requireObject(band, bandPath);
                known(band, bandPath, "type", "frequencyHz", "q", "gainDb", "slopeDbPerOctave", "reason");
                bands.add(new EqBand(text(band, "type", bandPath, null), number(band, "frequencyHz", bandPath, null),
                        number(band, "q", bandPath, 0.7071), number(band, "gainDb", bandPath, 0.0),
                        integer(band, "slopeDbPerOctave", bandPath, 12), reason(band, bandPath)));
            }
            return bands;
        }

        GateMove gate(JsonNode node, String path) throws MixPlanException {
            if (node == null) {
                return null;
            }
            known(node, path, "thresholdDb", "ratio", "rangeDb", "attackMs", "holdMs", "releaseMs", "reason");
            return new GateMove(number(node, "thresholdDb", path, null), number(node, "ratio", path, 4.0),
                    number(node, "rangeDb", path, 40.0), number(node, "attackMs", path, 1.0),
                    number(node, "holdMs", path, 20.0), number(node, "releaseMs", path, 100.0), reason(node, path));
        }

        CompressorMove compressor(JsonNode node, String path) throws MixPlanException {
            if (node == null) {
                return null;
            }
            known(node, path, "thresholdDb", "ratio", "attackMs", "releaseMs", "kneeDb", "makeupGainDb", "detection",
                    "sidechainHighPassHz", "reason");
            return new CompressorMove(number(node, "thresholdDb", path, null), number(node, "ratio", path, null),
                    number(node, "attackMs", path, 10.0), number(node, "releaseMs", path, 100.0),
                    number(node, "kneeDb", path, 6.0), number(node, "makeupGainDb", path, 0.0),
                    text(node, "detection", path, "rms"), number(node, "sidechainHighPassHz", path, 0.0), reason(node, path));
        }

        DeEsserMove deEsser(JsonNode node, String path) throws MixPlanException {
            if (node == null) {
                return null;
            }
            known(node, path, "frequencyHz", "thresholdDb", "ratio", "rangeDb", "reason");
            return new DeEsserMove(number(node, "frequencyHz", path, 6000.0), number(node, "thresholdDb", path, null),
                    number(node, "ratio", path, 4.0), number(node, "rangeDb", path, 8.0), reason(node, path));
        }

        BusPlan bus(JsonNode node, String path) throws MixPlanException {
            requireObject(node, path);
            known(node, path, "id", "reverb", "returnGainDb", "reason");
            JsonNode reverb = object(node, "reverb", path, true);
            String reverbPath = path + ".reverb";
            known(reverb, reverbPath, "preDelayMs", "decaySeconds", "damping", "width", "reason");
            return new BusPlan(text(node, "id", path, null),
                    new ReverbMove(number(reverb, "preDelayMs", reverbPath, 20.0), number(reverb, "decaySeconds", reverbPath, 1.8),
                            number(reverb, "damping", reverbPath, 0.4), number(reverb, "width", reverbPath, 1.0),
                            reason(reverb, reverbPath)),
                    number(node, "returnGainDb", path, 0.0), reason(node, path));
        }

        MasterPlan master(JsonNode node, String path) throws MixPlanException {
            known(node, path, "eq", "compressor", "limiter", "reason");
            JsonNode limiter = object(node, "limiter", path, false);
            LimiterMove limiterMove = MixPlans.neutralMaster().limiter();
            if (limiter != null) {
                String limiterPath = path + ".limiter";
                known(limiter, limiterPath, "releaseMs", "lookaheadMs", "reason");
                limiterMove = new LimiterMove(number(limiter, "releaseMs", limiterPath, 60.0),
                        number(limiter, "lookaheadMs", limiterPath, 1.5), reason(limiter, limiterPath));
            }
            return new MasterPlan(eq(array(node, "eq", path, false), path + ".eq"),
                    compressor(object(node, "compressor", path, false), path + ".compressor"), limiterMove, reason(node, path));
        }

        // --- field helpers -------------------------------------------------------------------

        private static String join(String path, String field) {
            return path.isEmpty() ? field : path + "." + field;
        }

        private static void known(JsonNode node, String path, String... fields) throws MixPlanException {
            Set<String> allowed = new LinkedHashSet<>(List.of(fields));
            Iterator<String> names = node.propertyNames().iterator();
            while (names.hasNext()) {
                String name = names.next();
                if (!allowed.contains(name)) {
                    throw new MixPlanException(join(path, name), "unknown field (known here: " + String.join(", ", allowed) + ")");
                }
            }
        }

        private static void requireObject(JsonNode node, String path) throws MixPlanException {
            if (node == null || !node.isObject()) {
                throw new MixPlanException(path, "must be an object");
            }
        }

        private static JsonNode object(JsonNode node, String field, String path, boolean required) throws MixPlanException {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                if (required) {
                    throw new MixPlanException(join(path, field), "required");
                }
                return null;
            }
            if (!value.isObject()) {
                throw new MixPlanException(join(path, field), "must be an object");
            }
            return value;
        }

        private static JsonNode array(JsonNode node, String field, String path, boolean required) throws MixPlanException {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                if (required) {
                    throw new MixPlanException(join(path, field), "required");
                }
                return null;
            }
            if (!value.isArray()) {
                throw new MixPlanException(join(path, field), "must be an array");
            }
            return value;
        }

        private static double number(JsonNode node, String field, String path, Double fallback) throws MixPlanException {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                if (fallback == null) {
                    throw new MixPlanException(join(path, field), "required");
                }
                return fallback;
            }
            if (!value.isNumber() || !Double.isFinite(value.asDouble())) {
                throw new MixPlanException(join(path, field), "must be a number, was " + value);
            }
            return value.asDouble();
        }

        private static int integer(JsonNode node, String field, String path, int fallback) throws MixPlanException {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                return fallback;
            }
            if (!value.isIntegralNumber() || !value.canConvertToInt()) {
                throw new MixPlanException(join(path, field), "must be a whole number, was " + value);
            }
            return value.asInt();
        }

        private static boolean bool(JsonNode node, String field, String path, boolean fallback) throws MixPlanException {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                return fallback;
            }
            if (!value.isBoolean()) {
                throw new MixPlanException(join(path, field), "must be true or false, was " + value);
            }
            return value.asBoolean();
        }

        private static String text(JsonNode node, String field, String path, String fallback) throws MixPlanException {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                if (fallback == null) {
                    throw new MixPlanException(join(path, field), "required");
                }
                return fallback;
            }
            if (!value.isString()) {
                throw new MixPlanException(join(path, field), "must be a string, was " + value);
            }
            return value.asString();
        }

        private static String reason(JsonNode node, String path) throws MixPlanException {
            return text(node, "reason", path, "");
        }
    }

    static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }
}
