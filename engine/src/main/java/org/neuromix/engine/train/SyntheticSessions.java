package org.neuromix.engine.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.neuromix.engine.audio.AudioBuffer;
import org.neuromix.engine.io.AudioEncoding;
import org.neuromix.engine.io.AudioWriter;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a composed song as a folder of stems: one 24-bit 48 kHz WAV per part, named after the
 * part ({@code Kick.wav}, {@code Bass.wav}, ...), and {@code session.json} with the seed, tempo,
 * key, style and each stem's true role — the ground truth that training may read. Only generator
 * output goes in; no user audio is involved anywhere on this path.
 */
public final class SyntheticSessions {
    private static final JsonMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private SyntheticSessions() {
    }

    /** Composes the song for {@code seed} and writes its stems into {@code directory}. */
    public static List<Path> write(long seed, int bars, GervillRenderer renderer, Path directory) throws IOException {
        SongScore song = SongComposer.compose(seed, bars);
        Files.createDirectories(directory);
        List<Path> stems = new ArrayList<>();
        List<Map<String, Object>> parts = new ArrayList<>();
        for (PartScore part : song.parts()) {
            AudioBuffer audio = renderer.render(song, part);
            Path file = directory.resolve(part.name() + ".wav");
            AudioWriter.write(file, AudioEncoding.WAV_PCM_24, GervillRenderer.SAMPLE_RATE_HZ, audio);
            stems.add(file);
            Map<String, Object> description = new LinkedHashMap<>();
            description.put("stem", file.getFileName().toString());
            description.put("role", part.role().planName());
            description.put("program", part.drums() ? null : part.program());
            description.put("notes", part.notes().size());
            parts.add(description);
        }
        Map<String, Object> session = new LinkedHashMap<>();
        session.put("seed", seed);
        session.put("style", song.style());
        session.put("tempoBpm", song.tempoBpm());
        session.put("key", new String[] {"C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"}[song.keyRoot()]
                + (song.minor() ? " minor" : " major"));
        session.put("bars", song.bars());
        session.put("parts", parts);
        Files.writeString(directory.resolve("session.json"), MAPPER.writeValueAsString(session) + "\n");
        return stems;
    }
}
