package org.neuromix.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.prefs.Preferences;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuromix.engine.audio.AudioBuffer;

/** Every render names its bank; the default one is pinned by checksum; held-out banks are refused. */
class SoundFontTest {
    @TempDir
    Path directory;

    /** Another generation of Gervill's emergency bank: what a machine's {@code ~/.gervill} may hold. */
    static Path anotherEmergencyBank(Path file, String name) throws Exception {
        Object bank = Class.forName("com.sun.media.sound.EmergencySoundbank").getMethod("createSoundbank").invoke(null);
        if (name != null) {
            bank.getClass().getMethod("setName", String.class).invoke(bank, name);
        }
        Files.createDirectories(file.getParent());
        bank.getClass().getMethod("save", java.io.File.class).invoke(bank, file.toFile());
        return file;
    }

    @Test
    void noFileMeansThePinnedBank() {
        assertEquals(PinnedSoundbank.DESCRIPTION, GervillRenderer.withSoundFont(null).soundbankName());
        assertTrue(PinnedSoundbank.soundbank().getInstruments().length > 128, "128 programs and drum kits");
    }

    @Test
    void thePinnedBankIsCheckedByItsChecksum() throws Exception {
        byte[] bytes;
        try (InputStream in = PinnedSoundbank.class.getResourceAsStream(PinnedSoundbank.RESOURCE)) {
            bytes = in.readAllBytes();
        }
        assertEquals(PinnedSoundbank.SHA256, PinnedSoundbank.sha256(bytes), "the shipped file is the pinned one");
        assertNotNull(PinnedSoundbank.verified(bytes, PinnedSoundbank.SHA256));
        bytes[bytes.length / 2] ^= 1;
        IllegalStateException damaged = assertThrows(IllegalStateException.class,
                () -> PinnedSoundbank.verified(bytes, PinnedSoundbank.SHA256));
        assertTrue(damaged.getMessage().contains("damaged or was replaced"), damaged.getMessage());
    }

    /**
     * Gervill caches a randomly generated bank in {@code ~/.gervill} and reads stored settings from
     * Java Preferences; neither may change a render, and rendering creates neither.
     */
    @Test
    void theHomeDirectoryPlaysNoPart() throws Exception {
        Path planted = directory.resolve("planted");
        anotherEmergencyBank(planted.resolve(".gervill").resolve("soundbank-emg.sf2"), null);
        Path empty = Files.createDirectories(directory.resolve("empty"));
        SongScore song = SongComposer.compose(7, 1);
        String home = System.getProperty("user.home");
        try {
            System.setProperty("user.home", planted.toString());
            Preferences.userRoot().node("/com/sun/media/sound/softsynthesizer").put("interpolation", "point");
            AudioBuffer withPlantedBank = GervillRenderer.pinned().render(song, song.parts().get(3));
            Preferences.userRoot().node("/com/sun/media/sound/softsynthesizer").removeNode();
            System.setProperty("user.home", empty.toString());
            AudioBuffer inEmptyHome = GervillRenderer.pinned().render(song, song.parts().get(3));
            assertArrayEquals(inEmptyHome.channel(0), withPlantedBank.channel(0), 0f, "same samples in either home");
            try (var left = Files.list(empty)) {
                assertEquals(0, left.count(), "no ~/.gervill, no ~/.java written");
            }
        } finally {
            System.setProperty("user.home", home);
        }
        assertEquals(InMemoryPreferences.class, Preferences.userRoot().getClass(), "preferences stay in memory");
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

    @Test
    void heldOutBanksAreRefusedByPathByLinkAndByName() throws Exception {
        for (String held : new String[] {"/usr/share/sounds/sf2/FluidR3_GM.sf2", "/usr/share/sounds/sf2/TimGM6mb.sf2",
                "/usr/share/sounds/sf3/MuseScore_General.sf3", "/usr/share/sounds/sf2/FluidR3_GS.sf2",
                "/usr/share/sounds/sf3/FluidR3Mono_GM.sf3"}) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> GervillRenderer.withSoundFont(Path.of(held)));
            assertTrue(refused.getMessage().contains("held-out"), refused.getMessage());
        }
        Path copy = anotherEmergencyBank(directory.resolve("bank.sf2"), "Fluid R3 GM");
        IllegalArgumentException byName = assertThrows(IllegalArgumentException.class,
                () -> GervillRenderer.withSoundFont(copy));
        assertTrue(byName.getMessage().contains("held-out bank \"Fluid R3 GM\""), byName.getMessage());
        Path fake = Files.createDirectories(directory.resolve("usr/share/games/freedoom"));
        Path link = Files.createSymbolicLink(directory.resolve("innocent"), fake);
        assertNotNull(HeldOutMaterial.refusal(link.resolve("x.mid")), "a link into held-out material");
        assertNotNull(HeldOutMaterial.refusal(Path.of("/usr/share/games/lmms/projects/demo.mmpz")));
        assertNull(HeldOutMaterial.refusal(Path.of("/usr/share/games/simutrans/music/song01.mid")));
    }

    /** Any other bank renders, and sounds different from the pinned one. */
    @Test
    void rendersWithAnotherBank() throws Exception {
        Path file = anotherEmergencyBank(directory.resolve("other.sf2"), "Another test bank");
        GervillRenderer other = GervillRenderer.withSoundFont(file);
        assertEquals("Another test bank", other.soundbankName());
        SongScore song = SongComposer.compose(7, 1);
        boolean anyDifferent = false;
        for (PartScore part : song.parts()) {
            AudioBuffer rendered = other.render(song, part);
            assertTrue(peak(rendered) > 1e-3, part.name() + " sounds with the other bank");
            anyDifferent |= !java.util.Arrays.equals(rendered.channel(0), GervillRenderer.pinned().render(song, part).channel(0));
        }
        assertTrue(anyDifferent, "another generation of the bank sounds different in some part");
    }

    private static double peak(AudioBuffer audio) {
        double peak = 0;
        for (float sample : audio.channel(0)) {
            peak = Math.max(peak, Math.abs(sample));
        }
        return peak;
    }
}
