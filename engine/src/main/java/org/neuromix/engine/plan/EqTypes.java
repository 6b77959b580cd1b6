package org.neuromix.engine.plan;

import java.util.List;
import java.util.Map;

import org.neuromix.engine.dsp.Detection;
import org.neuromix.engine.dsp.FilterType;

/** The plan's names for filter shapes and detectors. */
public final class EqTypes {
    static final Map<String, FilterType> BY_NAME = Map.of(
            "highPass", FilterType.HIGH_PASS,
            "lowPass", FilterType.LOW_PASS,
            "lowShelf", FilterType.LOW_SHELF,
            "highShelf", FilterType.HIGH_SHELF,
            "peaking", FilterType.PEAKING,
            "notch", FilterType.NOTCH,
            "bandPass", FilterType.BAND_PASS);
    static final List<String> NAMES = List.of("highPass", "lowPass", "lowShelf", "highShelf", "peaking", "notch", "bandPass");

    private EqTypes() {
    }

    /** The shape for a plan name, or null when unknown. */
    public static FilterType filterType(String name) {
        return name == null ? null : BY_NAME.get(name);
    }

    public static Detection detection(String name) {
        return "peak".equals(name) ? Detection.PEAK : Detection.RMS;
    }
}
