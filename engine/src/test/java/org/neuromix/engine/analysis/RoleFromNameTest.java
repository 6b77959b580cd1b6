package org.neuromix.engine.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RoleFromNameTest {
    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
        "01 Lead Vox.wav, LEAD_VOCAL",
        "LeadVocal_comp.flac, LEAD_VOCAL",
        "Gesang Strophe.wav, LEAD_VOCAL",
        "voix principale.wav, LEAD_VOCAL",
        "BV 1.wav, BACKING_VOCAL",
        "BGVs stack.wav, BACKING_VOCAL",
        "Chœur.wav, BACKING_VOCAL",
        "Coro.aiff, BACKING_VOCAL",
        "Kik In.wav, KICK",
        "KickOut.wav, KICK",
        "Cassa.wav, KICK",
        "Grosse caisse.wav, KICK",
        "Snare Top.wav, SNARE",
        "SN btm.wav, SNARE",
        "Caja.wav, SNARE",
        "Floor Tom.wav, TOMS",
        "Tom 2.wav, TOMS",
        "HH.wav, HI_HAT_CYMBALS",
        "Ride.wav, HI_HAT_CYMBALS",
        "OH L.wav, DRUMS_OVERHEADS",
        "Drum Room.wav, DRUMS_OVERHEADS",
        "Schlagzeug.wav, DRUMS_OVERHEADS",
        "Shaker.wav, PERCUSSION",
        "Congas.wav, PERCUSSION",
        "Bass DI.flac, BASS",
        "Basse.wav, BASS",
        "Bajo.wav, BASS",
        "808.wav, BASS",
        "Gtr L.wav, ELECTRIC_GUITAR",
        "Chitarra elettrica.wav, ELECTRIC_GUITAR",
        "Ac Gtr.wav, ACOUSTIC_GUITAR",
        "Acoustic Guitar.wav, ACOUSTIC_GUITAR",
        "Pno.wav, PIANO_KEYS",
        "Rhodes.wav, PIANO_KEYS",
        "Klavier.wav, PIANO_KEYS",
        "B3.wav, ORGAN",
        "Hammond Leslie.wav, ORGAN",
        "Orgue.wav, ORGAN",
        "Synth Lead.wav, SYNTH_LEAD",
        "Arp.wav, SYNTH_LEAD",
        "Pad.wav, SYNTH_PAD",
        "Strings.wav, STRINGS",
        "Violins 1.wav, STRINGS",
        "Streicher.wav, STRINGS",
        "Horns.wav, BRASS",
        "Trompeta.wav, BRASS",
        "Tenor Sax.wav, WOODWIND",
        "Flauto.wav, WOODWIND",
        "Marimba.wav, MALLETS",
        "Glock.wav, MALLETS",
        "Riser FX.wav, FX_OTHER",
        // "Acoustic" qualifies the instrument that follows it (General MIDI names stems like these).
        "06 Acoustic Bass.wav, BASS",
        "01 Acoustic Grand Piano.wav, PIANO_KEYS",
        "Acoustic Guitar (nylon).wav, ACOUSTIC_GUITAR",
        "Acoustic.wav, ACOUSTIC_GUITAR",
    })
    void recognisesCommonNames(String fileName, Role expected) {
        RoleFromName.Guess guess = RoleFromName.guess(fileName);
        assertEquals(expected, guess.role(), fileName);
        assertTrue(guess.confidence() > 0.3, fileName + " confidence " + guess.confidence());
    }

    @Test
    void aGuitarWordAfterItsKindIsThatGuitar() {
        for (String name : List.of("Acoustic Gtr.wav", "AC Guitar.wav", "Akustik Gitarre.wav", "acoustic_guitars.flac")) {
            RoleFromName.Guess guess = RoleFromName.guess(name);
            assertEquals(Role.ACOUSTIC_GUITAR, guess.role(), name);
            assertTrue(guess.confidence() > 0.9, name + " confidence " + guess.confidence());
        }
        assertEquals(Role.ELECTRIC_GUITAR, RoleFromName.guess("Gtr Solo.wav").role());
        for (String name : List.of("Lead Gtr.wav", "Rhythm Guitar L.wav", "E Gtr DI.wav", "clean_guitar.flac")) {
            RoleFromName.Guess guess = RoleFromName.guess(name);
            assertEquals(Role.ELECTRIC_GUITAR, guess.role(), name);
            assertTrue(guess.confidence() > 0.7, name + " confidence " + guess.confidence());
        }
    }

    @Test
    void unknownNamesHaveNoConfidence() {
        RoleFromName.Guess guess = RoleFromName.guess("Audio 07.wav");
        assertEquals(Role.FX_OTHER, guess.role());
        assertEquals(0.0, guess.confidence());
    }

    @Test
    void ambiguousNamesAreLessCertain() {
        double clear = RoleFromName.guess("Lead Vocal.wav").confidence();
        double vague = RoleFromName.guess("Lead.wav").confidence();
        assertTrue(vague < clear, vague + " < " + clear);
    }

    @Test
    void planNames() {
        for (Role role : Role.values()) {
            assertEquals(role, Role.fromPlanName(role.planName()));
        }
        assertEquals(Role.LEAD_VOCAL, Role.fromPlanName("LEADVOCAL"));
        assertEquals(null, Role.fromPlanName("kazoo"));
    }
}
