package org.neuromix.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuromix.engine.analysis.Role;
import org.neuromix.engine.analysis.StemAnalysis;
import org.neuromix.engine.analysis.StemAnalyzer;
import org.neuromix.engine.audio.AudioBuffer;

class SyntheticSessionTest {
    @TempDir
    Path directory;

    @Test
    void aSeedAlwaysGivesTheSameSong() {
        assertEquals(SongComposer.compose(42, 8), SongComposer.compose(42, 8));
        assertNotEquals(SongComposer.compose(42, 8), SongComposer.compose(43, 8));
    }

    @Test
    void theGeneratorMakesExactlyTheRolesThePlannerTrustsItsModelsWith() {
        Set<Role> made = java.util.EnumSet.noneOf(Role.class);
        for (long seed = 0; seed < 300; seed++) {
            SongComposer.compose(seed, 4).parts().forEach(part -> made.add(part.role()));
        }
        assertEquals(org.neuromix.engine.planner.MixModels.SYNTHETIC_ROLES, made);
    }

    @Test
    void songsHaveAFullBandWithDistinctRoles() {
        for (long seed = 0; seed < 40; seed++) {
            SongScore song = SongComposer.compose(seed, 8);
            Set<Role> roles = song.parts().stream().map(PartScore::role).collect(Collectors.toSet());
            assertTrue(roles.containsAll(List.of(Role.KICK, Role.SNARE, Role.HI_HAT_CYMBALS, Role.BASS)), "seed " + seed);
            assertTrue(song.parts().size() >= 6, "seed " + seed);
            assertTrue(song.tempoBpm() >= 80 && song.tempoBpm() <= 150);
            for (PartScore part : song.parts()) {
                assertTrue(!part.notes().isEmpty(), part.name());
                for (PartScore.Note note : part.notes()) {
                    assertTrue(note.pitch() >= 24 && note.pitch() <= 108 && note.startBeat() < song.bars() * 4, part.name());
                }
            }
        }
    }

    @Test
    void rendersDryStemsDeterministically() throws Exception {
        GervillRenderer renderer = GervillRenderer.pinned();
        SongScore song = SongComposer.compose(7, 2);
        PartScore kick = song.parts().get(0);
        AudioBuffer first = renderer.render(song, kick);
        AudioBuffer second = renderer.render(song, kick);
        assertArrayEquals(first.channel(0), second.channel(0), 0f, "same notes, same samples");
        assertEquals(Math.round((song.lengthSeconds() + GervillRenderer.TAIL_SECONDS) * 48_000), first.frames());
    }

    @Test
    void writesAnAnalysableSession() throws Exception {
        List<Path> stems = SyntheticSessions.write(11, 4, GervillRenderer.pinned(), directory);
        assertTrue(Files.exists(directory.resolve("session.json")));
        String session = Files.readString(directory.resolve("session.json"));
        assertTrue(session.contains("\"role\" : \"kick\""), session);
        for (Path stem : stems) {
            StemAnalysis analysis = StemAnalyzer.analyze(stem);
            assertTrue(!analysis.isSilent(), stem + " has sound");
            assertTrue(analysis.loudness().samplePeakDbfs() < 0, stem + " does not clip");
        }
        StemAnalysis kick = StemAnalyzer.analyze(directory.resolve("Kick.wav"));
        StemAnalysis hats = StemAnalyzer.analyze(directory.resolve("Hi-Hat.wav"));
        assertTrue(kick.spectralCentroidHz() < hats.spectralCentroidHz(), "the kick is darker than the hats");
    }
}
