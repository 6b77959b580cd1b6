package org.neuromix.engine.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.neuromix.engine.loudness.LoudnessMeasurement;

class DeliveryTargetTest {
    @Test
    void presetsAndCustomTargets() {
        assertEquals(new DeliveryTarget("Spotify", -14, -1), DeliveryTarget.parse("spotify"));
        assertEquals(new DeliveryTarget("Apple Music", -16, -1), DeliveryTarget.parse("Apple"));
        assertEquals(new DeliveryTarget("Amazon Music", -14, -2), DeliveryTarget.parse("amazon"));
        assertEquals(new DeliveryTarget("EBU R128 broadcast", -23, -1), DeliveryTarget.parse("ebu"));
        assertEquals(new DeliveryTarget("ATSC A/85 broadcast", -24, -2), DeliveryTarget.parse("atsc"));
        assertEquals(new DeliveryTarget("custom", -12, -1), DeliveryTarget.parse("-12"));
        assertEquals(new DeliveryTarget("custom", -9.5, -0.3), DeliveryTarget.parse("-9.5/-0.3"));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> DeliveryTarget.parse("napster"));
        assertTrue(error.getMessage().contains("spotify, apple, youtube, amazon, tidal, ebu, atsc"), error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DeliveryTarget.parse("+3"));
        assertThrows(IllegalArgumentException.class, () -> DeliveryTarget.parse("-14/2"));
    }

    @Test
    void platformsTurnLoudMixesDown() {
        LoudnessMeasurement loud = new LoudnessMeasurement(-9.0, 6, -0.5, -0.6, -6, -7);
        List<PlatformCompliance.Verdict> verdicts = PlatformCompliance.of(loud);
        PlatformCompliance.Verdict spotify = verdicts.get(0);
        assertEquals(5.0, spotify.turnDownDb(), 1e-9);
        assertFalse(spotify.truePeakOk());
        PlatformCompliance.Verdict apple = verdicts.get(1);
        assertEquals(7.0, apple.turnDownDb(), 1e-9);
        LoudnessMeasurement quiet = new LoudnessMeasurement(-18.0, 6, -3, -3, -12, -14);
        assertEquals(0.0, PlatformCompliance.of(quiet).get(0).turnDownDb());
        assertTrue(PlatformCompliance.of(quiet).get(0).compliant());
    }
}
