package org.neuromix.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuromix.engine.audio.AudioBuffer;

class SoundFontTest {
    @TempDir
    Path directory;

    @Test
    void noFileMeansTheJdkBank() {
        assertEquals("the JDK's built-in bank", GervillRenderer.withSoundFont(null).soundbankName());
    }

    @Test
    void missingAndInvalidFilesAreRefusedWithAClearMessage() throws Exception {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> GervillRenderer.withSoundFont(directory.resolve("none.sf2")));
        assertTrue(missing.getMessage().startsWith("SoundFont not found: "), missing.getMessage());
        Path text = Files.writeString(directory.resolve("text.sf2"), "hello");
        IllegalArgumentException invalid = assertThrows(IllegalArgumentException.class,
                () -> GervillRenderer.withSoundFont(text));
        assertTrue(invalid.getMessage().contains("is not a SoundFont"), invalid.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GervillRenderer.withSoundFont(directory));
    }

    /** Runs only where a GM SoundFont is installed (Debian: fluid-soundfont-gm or timgm6mb-soundfont). */
    @Test
    void rendersWithAnInstalledGeneralMidiSoundFont() throws Exception {
        Path soundfont = Path.of("/usr/share/sounds/sf2/FluidR3_GM.sf2");
        if (!Files.isRegularFile(soundfont)) {
            soundfont = Path.of("/usr/share/sounds/sf2/TimGM6mb.sf2");
        }
        Assumptions.assumeTrue(Files.isRegularFile(soundfont), "no GM SoundFont installed");
        GervillRenderer withFont = GervillRenderer.withSoundFont(soundfont);
        assertFalse(withFont.soundbankName().isBlank());
        SongScore song = SongComposer.compose(7, 1);
        for (PartScore part : song.parts()) {
            AudioBuffer font = withFont.render(song, part);
            AudioBuffer jdk = new GervillRenderer(null).render(song, part);
            assertTrue(peak(font) > 1e-3, part.name() + " sounds with the SoundFont");
            assertFalse(java.util.Arrays.equals(font.channel(0), jdk.channel(0)), part.name() + " sounds different");
        }
    }

    private static double peak(AudioBuffer audio) {
        double peak = 0;
        for (float sample : audio.channel(0)) {
            peak = Math.max(peak, Math.abs(sample));
        }
        return peak;
    }
}
