package org.neuromix.engine.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.neuromix.engine.analysis.Role;
import org.neuromix.engine.audio.AudioBuffer;
import org.neuromix.engine.io.AudioEncoding;
import org.neuromix.engine.io.AudioFileException;
import org.neuromix.engine.io.AudioReader;
import org.neuromix.engine.io.AudioWriter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Whole-kit drum sessions derived from the MIDI sessions: the same song with its kit pieces
 * (kick, snare, toms, hi-hat and cymbals) summed into one drum stem, as a band's session or a
 * drum machine's export usually delivers them. The musician's balance carries over exactly: the
 * kit stem's label is the loudness of the pieces' sum (as written, after their randomisation)
 * against the same mix, and every other stem keeps its own. Percussion stays a stem of its own,
 * as it usually does in a band's session.
 *
 * <p>Layout: {@code OUT/<package>/kit/<song>--<bank>/} beside the session it comes from, its other
 * stems hard links to that session's files (a copy where links are not possible), and
 * {@code session.json} with {@code "kit": true} and {@code derivedFrom}. Only sessions that are
 * not derived themselves, not sung and not tracker modules, with at least two kit pieces one of
 * which is a kick or a snare, give a kit session. A kit session newer than its source is kept.
 */
public final class KitSessions {
    static final String FOLDER = "kit";
    static final String STEM_NAME = "10 Drums.flac";
    /** The pieces a whole-kit stem sums; percussion is usually a stem of its own. */
    static final Set<Role> PIECES = EnumSet.of(Role.KICK, Role.SNARE, Role.TOMS, Role.HI_HAT_CYMBALS);
    private static final JsonMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private KitSessions() {
    }

    /** What {@link #derive} did. */
    public record Derived(int sessions, int kept, List<String> skipped) {
    }

    /** Derives a kit session from every MIDI session under {@code out} that has a kit to sum. */
    public static Derived derive(Path out, Consumer<String> progress) throws IOException {
        List<Path> descriptions;
        try (Stream<Path> walk = Files.walk(out)) {
            descriptions = walk.filter(p -> p.getFileName().toString().equals(MusicianSessions.SESSION_FILE)).sorted().toList();
        }
        int written = 0, kept = 0;
        List<String> skipped = new ArrayList<>();
        for (Path description : descriptions) {
            Path directory = description.getParent();
            if (directory.getParent() == null || FOLDER.equals(directory.getParent().getFileName().toString())) {
                continue;
            }
            JsonNode session;
            try {
                session = MAPPER.readTree(Files.readString(description));
            } catch (RuntimeException e) {
                skipped.add(description + ": not a session description");
                continue;
            }
            if (!session.path("mixLufs").isNumber()) {
                continue; // not a musician session this builder wrote (a synthetic one has no mix level)
            }
            if (session.get("parts") == null || session.path("sung").asBoolean(false) || session.path("kit").asBoolean(false)
                    || TrackerSessions.BANK.equals(session.path("bank").asString(""))) {
                continue;
            }
            boolean wellFormed = true;
            for (JsonNode part : session.get("parts")) {
                // A stem is a file of this session's folder: a path elsewhere is no stem of it.
                wellFormed &= part.path("stem").isString() && part.path("relativeLoudnessLu").isNumber()
                        && Path.of(part.path("stem").asString()).getNameCount() == 1
                        && !part.path("stem").asString().startsWith(".");
            }
            if (!wellFormed) {
                skipped.add(description + ": a part without its stem (a file of its folder) or its loudness");
                continue;
            }
            List<JsonNode> pieces = new ArrayList<>();
            for (JsonNode part : session.get("parts")) {
                Role role = Role.fromPlanName(part.path("role").asString(""));
                if (role != null && PIECES.contains(role)) {
                    pieces.add(part);
                }
            }
            boolean kickOrSnare = pieces.stream().anyMatch(p -> p.path("role").asString("").equals(Role.KICK.planName())
                    || p.path("role").asString("").equals(Role.SNARE.planName()));
            if (pieces.size() < 2 || !kickOrSnare) {
                continue;
            }
            Path kit = directory.getParent().resolve(FOLDER).resolve(directory.getFileName());
            Path kitDescription = kit.resolve(MusicianSessions.SESSION_FILE);
            if (Files.isRegularFile(kitDescription)
                    && Files.getLastModifiedTime(kitDescription).compareTo(Files.getLastModifiedTime(description)) >= 0) {
                kept++;
                continue;
            }
            try {
                writeKit(session, directory, pieces, kit);
                written++;
            } catch (AudioFileException e) {
                skipped.add(directory + ": " + e.getMessage());
                MusicianSessions.deleteFolder(kit);
            }
            if ((written + kept) % 50 == 0) {
                progress.accept("kit sessions: " + (written + kept) + " so far");
            }
        }
        progress.accept("kit sessions: " + written + " derived, " + kept + " up to date");
        return new Derived(written, kept, skipped);
    }

    private static void writeKit(JsonNode session, Path from, List<JsonNode> pieces, Path kit) throws IOException, AudioFileException {
        MusicianSessions.deleteFolder(kit);
        Files.createDirectories(kit);
        AudioBuffer sum = null;
        int sampleRate = 0;
        List<String> pieceNames = new ArrayList<>();
        for (JsonNode piece : pieces) {
            String name = piece.get("stem").asString();
            pieceNames.add(name);
            try (AudioReader reader = AudioReader.open(from.resolve(name))) {
                if (reader.channels() != 2) {
                    throw new AudioFileException(from.resolve(name), "a kit piece that is not stereo, as the builder writes them");
                }
                AudioBuffer audio = reader.readRemaining();
                if (sum == null) {
                    sum = audio;
                    sampleRate = reader.sampleRate();
                    continue;
                }
                for (int c = 0; c < 2; c++) {
                    float[] to = sum.channel(c), add = audio.channel(c);
                    for (int i = 0; i < Math.min(to.length, add.length); i++) {
                        to[i] += add[i];
                    }
                }
            }
        }
        if (peak(sum) > 1) {
            // A clipped file would not sound like the sum its label measures.
            throw new AudioFileException(kit.resolve(STEM_NAME), "the kit pieces sum over full scale");
        }
        double kitLufs = MusicianSessions.integratedLufs(sum);
        double mixLufs = session.get("mixLufs").asDouble();
        AudioWriter.write(kit.resolve(STEM_NAME), AudioEncoding.FLAC_24, sampleRate, sum);

        List<Object> parts = new ArrayList<>();
        boolean kitWritten = false;
        for (JsonNode part : session.get("parts")) {
            if (pieces.contains(part)) {
                if (!kitWritten) {
                    Map<String, Object> drums = new LinkedHashMap<>();
                    drums.put("stem", STEM_NAME);
                    drums.put("role", Role.DRUMS_OVERHEADS.planName());
                    drums.put("channel", part.path("channel").asInt(10));
                    drums.put("program", null);
                    drums.put("pieces", pieceNames);
                    drums.put("panPosition", 0.0);
                    drums.put("relativeLoudnessLu", MusicianSessions.round(kitLufs - mixLufs));
                    parts.add(drums);
                    kitWritten = true;
                }
                continue;
            }
            String name = part.get("stem").asString();
            link(from.resolve(name), kit.resolve(name));
            parts.add(part);
        }
        ObjectNode description = (ObjectNode) session.deepCopy();
        description.put("kit", true);
        description.put("derivedFrom", kit.getParent().getParent().relativize(from).toString());
        description.set("parts", MAPPER.valueToTree(parts));
        Files.writeString(kit.resolve(MusicianSessions.SESSION_FILE), MAPPER.writeValueAsString(description) + "\n");
    }

    private static double peak(AudioBuffer audio) {
        double peak = 0;
        for (int c = 0; c < audio.channels(); c++) {
            for (float sample : audio.channel(c)) {
                peak = Math.max(peak, Math.abs(sample));
            }
        }
        return peak;
    }

    private static void link(Path existing, Path link) throws IOException {
        try {
            Files.createLink(link, existing);
        } catch (UnsupportedOperationException | IOException noLinkHere) {
            // A file system without hard links, or the source on another one: the same bytes, copied.
            Files.copy(existing, link);
        }
    }
}
