package org.neuromix.engine.plan;

import java.util.ArrayList;
import java.util.List;

import org.neuromix.engine.loudness.LoudnessMeasurement;
import org.neuromix.engine.plan.DeliveryTarget.Platform;

/**
 * How each streaming or broadcast platform will treat a mix: its normalisation turns a louder mix
 * down to the platform's reference (never up, as several platforms do not raise quiet mixes, or
 * only within their peak headroom), and its true-peak ceiling is met or not.
 */
public final class PlatformCompliance {
    /**
     * One platform's verdict.
     *
     * @param platform        the platform
     * @param deltaLu         mix loudness minus the platform's reference (positive: louder)
     * @param turnDownDb      how much the platform turns the mix down (0 when it is not louder)
     * @param truePeakOk      whether the mix's true peak is at or under the platform's ceiling
     * @param compliant       loudness within 1 LU of the reference (or quieter) and true peak ok
     */
    public record Verdict(Platform platform, double deltaLu, double turnDownDb, boolean truePeakOk, boolean compliant) {
    }

    private PlatformCompliance() {
    }

    public static List<Verdict> of(LoudnessMeasurement measurement) {
        List<Verdict> verdicts = new ArrayList<>();
        for (Platform platform : Platform.values()) {
            double delta = measurement.integratedLufs() - platform.loudnessLufs();
            // 0.01 dB: a limiter set to the ceiling lands on it to within float rounding.
            boolean peakOk = !(measurement.truePeakDbtp() > platform.truePeakDbtp() + 0.01);
            if (Double.isNaN(delta)) {
                verdicts.add(new Verdict(platform, Double.NaN, 0, peakOk, peakOk));
                continue;
            }
            double turnDown = Math.max(0, delta);
            verdicts.add(new Verdict(platform, delta, turnDown, peakOk, peakOk && delta <= 1.0));
        }
        return verdicts;
    }
}
