package org.neuromix.engine.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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

class MixPlanJsonTest {

    /** A plan using every field. */
    static MixPlan fullPlan() {
        TrackPlan vocal = new TrackPlan("lead-vocal", "Lead Vox.wav", "leadVocal", false,
                new GainMove(-2.5, false, "Lead vocal 2.5 dB down to sit 1 LU above the band"),
                new PanMove(0, 1, "Lead vocal centred"),
                List.of(new EqBand("highPass", 90, 0.7071, 0, 24, "Lead vocal high-passed at 90 Hz: no useful content below"),
                        new EqBand("peaking", 3000, 1.2, 2, 12, "Lead vocal +2 dB at 3 kHz for presence")),
                new GateMove(-55, 2, 20, 1, 30, 120, "Lead vocal gated below -55 dB to drop headphone bleed"),
                new CompressorMove(-22, 3, 8, 120, 6, 3, "rms", 100, "Lead vocal compressed 3:1 from -22 dB for steady level"),
                new DeEsserMove(6500, -32, 4, 8, "Lead vocal sibilance above 6.5 kHz held 8 dB at most"),
                List.of(new Send("plate", -14, "Lead vocal sent to the plate at -14 dB")));
        TrackPlan guitar = new TrackPlan("guitar", "stems/Gtr L.flac", "electricGuitar", false,
                new GainMove(-4, true, "Guitar polarity flipped to match the room mic"),
                new PanMove(-0.6, 1.2, "Guitar panned 60 % left"),
                List.of(new EqBand("peaking", 3000, 1.5, -2.5, 12, "Guitar cut 2.5 dB at 3 kHz to make room for the lead vocal")),
                null, null, null, List.of());
        return new MixPlan(1, new Target(-14, -1, 48_000, 24, "Spotify: -14 LUFS, -1 dBTP"),
                List.of(vocal, guitar),
                List.of(new BusPlan("plate", new ReverbMove(25, 1.6, 0.45, 1.1, "plate, 1.6 s"), -2, "vocal plate")),
                new MasterPlan(List.of(new EqBand("lowShelf", 80, 0.7071, 1, 12, "master +1 dB below 80 Hz")),
                        new CompressorMove(-12, 2, 30, 200, 6, 1, "peak", 60, "glue: 2:1, 1-2 dB"),
                        new LimiterMove(60, 1.5, "ceiling -1 dBTP"), "master"));
    }

    @Test
    void roundTripsEveryField() throws Exception {
        MixPlan plan = fullPlan();
        String json = MixPlanJson.write(plan);
        assertEquals(plan, MixPlanJson.read(json));
        assertEquals(json, MixPlanJson.write(MixPlanJson.read(json)), "writing is deterministic");
    }

    @Test
    void templateIsNeutralAndValid() throws Exception {
        MixPlan template = MixPlans.neutralTemplate(List.of("Bass DI.flac", "Kick In.wav", "kick in.aiff"));
        assertEquals(List.of("bass-di", "kick-in", "kick-in-2"), template.tracks().stream().map(TrackPlan::id).toList());
        for (TrackPlan track : template.tracks()) {
            assertEquals(0.0, track.gain().gainDb());
            assertEquals(0.0, track.pan().position());
            assertTrue(track.eq().isEmpty() && track.compressor() == null && track.sends().isEmpty());
        }
        assertEquals(template, MixPlanJson.read(MixPlanJson.write(template)));
    }

    @Test
    void optionalFieldsTakeNeutralDefaults() throws Exception {
        MixPlan plan = MixPlanJson.read("""
                {"version": 1, "target": {"loudnessLufs": -16}, "tracks": [{"stem": "a.wav"}]}
                """);
        TrackPlan track = plan.tracks().get(0);
        assertEquals("a.wav", track.id());
        assertEquals(0.0, track.gain().gainDb());
        assertEquals(1.0, track.pan().width());
        assertEquals(-1.0, plan.target().truePeakDbtp());
        assertEquals(48_000, plan.target().sampleRateHz());
        assertEquals(MixPlans.neutralMaster(), plan.master());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "malformed JSON                 | {\"version\": 1,                                                             | not valid JSON",
        "not an object                  | [1, 2]                                                                       | must be a JSON object",
        "missing version                | {\"target\": {\"loudnessLufs\": -14}, \"tracks\": []}                        | version: required",
        "future version                 | {\"version\": 2, \"target\": {\"loudnessLufs\": -14}, \"tracks\": []}        | version: unsupported plan version 2",
        "unknown field                  | {\"version\": 1, \"target\": {\"loudnessLufs\": -14}, \"tracks\": [{\"stem\": \"a.wav\", \"compresor\": {}}]} | tracks[0].compresor: unknown field",
        "wrong type                     | {\"version\": 1, \"target\": {\"loudnessLufs\": \"loud\"}, \"tracks\": [{\"stem\": \"a.wav\"}]} | target.loudnessLufs: must be a number",
        "missing target                 | {\"version\": 1, \"tracks\": [{\"stem\": \"a.wav\"}]}                        | target: required",
        "no tracks                      | {\"version\": 1, \"target\": {\"loudnessLufs\": -14}, \"tracks\": []}        | tracks: at least one track",
        "gain out of range              | {\"version\": 1, \"target\": {\"loudnessLufs\": -14}, \"tracks\": [{\"stem\": \"a.wav\", \"gain\": {\"gainDb\": 60}}]} | tracks[0].gain.gainDb: must be in [-120, 24], was 60",
        "eq frequency above Nyquist     | {\"version\": 1, \"target\": {\"loudnessLufs\": -14}, \"tracks\": [{\"stem\": \"a.wav\", \"eq\": [{\"type\": \"peaking\", \"frequencyHz\": 50000}]}]} | tracks[0].eq[0].frequencyHz: must be in [10, 23520]",
        "unknown eq type                | {\"version\": 1, \"target\": {\"loudnessLufs\": -14}, \"tracks\": [{\"stem\": \"a.wav\", \"eq\": [{\"type\": \"tilt\", \"frequencyHz\": 500}]}]} | tracks[0].eq[0].type: must be one of",
        "24 dB peaking                  | {\"version\": 1, \"target\": {\"loudnessLufs\": -14}, \"tracks\": [{\"stem\": \"a.wav\", \"eq\": [{\"type\": \"peaking\", \"frequencyHz\": 500, \"slopeDbPerOctave\": 24}]}]} | tracks[0].eq[0].slopeDbPerOctave: 24 dB/octave",
        "compressor ratio               | {\"version\": 1, \"target\": {\"loudnessLufs\": -14}, \"tracks\": [{\"stem\": \"a.wav\", \"compressor\": {\"thresholdDb\": -20, \"ratio\": 0.5}}]} | tracks[0].compressor.ratio: must be in [1, 100], was 0.5",
        "compressor detection           | {\"version\": 1, \"target\": {\"loudnessLufs\": -14}, \"tracks\": [{\"stem\": \"a.wav\", \"compressor\": {\"thresholdDb\": -20, \"ratio\": 2, \"detection\": \"vca\"}}]} | tracks[0].compressor.detection: must be",
        "send to missing bus            | {\"version\": 1, \"target\": {\"loudnessLufs\": -14}, \"tracks\": [{\"stem\": \"a.wav\", \"sends\": [{\"bus\": \"hall\", \"levelDb\": -10}]}]} | tracks[0].sends[0].bus: no bus 'hall'",
        "duplicate stem                 | {\"version\": 1, \"target\": {\"loudnessLufs\": -14}, \"tracks\": [{\"id\": \"a\", \"stem\": \"a.wav\"}, {\"id\": \"b\", \"stem\": \"a.wav\"}]} | tracks[1].stem: 'a.wav' is already used by tracks[0]",
        "duplicate id                   | {\"version\": 1, \"target\": {\"loudnessLufs\": -14}, \"tracks\": [{\"id\": \"a\", \"stem\": \"a.wav\"}, {\"id\": \"a\", \"stem\": \"b.wav\"}]} | tracks[1].id: 'a' is already the id of tracks[0]",
        "stem outside the folder        | {\"version\": 1, \"target\": {\"loudnessLufs\": -14}, \"tracks\": [{\"stem\": \"../../etc/passwd\"}]} | tracks[0].stem: must be a file inside the stems folder",
        "absolute stem                  | {\"version\": 1, \"target\": {\"loudnessLufs\": -14}, \"tracks\": [{\"stem\": \"/etc/passwd\"}]} | tracks[0].stem: must be a file inside the stems folder",
        "bit depth                      | {\"version\": 1, \"target\": {\"loudnessLufs\": -14, \"bitDepth\": 20}, \"tracks\": [{\"stem\": \"a.wav\"}]} | target.bitDepth: must be 16, 24 or 32",
        "huge version                   | {\"version\": 4294967297, \"target\": {\"loudnessLufs\": -14}, \"tracks\": []} | version: unsupported plan version 4294967297",
        "newer plan with new fields     | {\"version\": 2, \"automation\": [], \"target\": {\"loudnessLufs\": -14}, \"tracks\": []} | version: unsupported plan version 2",
        "same stem spelled twice        | {\"version\": 1, \"target\": {\"loudnessLufs\": -14}, \"tracks\": [{\"id\": \"a\", \"stem\": \"a.wav\"}, {\"id\": \"b\", \"stem\": \"./a.wav\"}]} | tracks[1].stem: './a.wav' is already used by tracks[0]",
        "de-esser above the band        | {\"version\": 1, \"target\": {\"loudnessLufs\": -14, \"sampleRateHz\": 22050}, \"tracks\": [{\"stem\": \"a.wav\", \"deEsser\": {\"frequencyHz\": 12000, \"thresholdDb\": -30}}]} | tracks[0].deEsser.frequencyHz: must be in [2000, 9922.5]",
        "reverb decay                   | {\"version\": 1, \"target\": {\"loudnessLufs\": -14}, \"tracks\": [{\"stem\": \"a.wav\"}], \"buses\": [{\"id\": \"r\", \"reverb\": {\"decaySeconds\": 0}}]} | buses[0].reverb.decaySeconds: must be in [0.1, 20], was 0.0",
    })
    void refusesBadPlansNamingTheField(String name, String json, String expected) {
        MixPlanException error = assertThrows(MixPlanException.class, () -> MixPlanJson.read(json));
        assertTrue(error.getMessage().contains(expected), name + ": '" + error.getMessage() + "' should contain '" + expected + "'");
    }
}
