package org.neuromix.engine.dsp;

/** How a dynamics processor measures level. */
public enum Detection {
    /** Absolute sample value: reacts to every transient. */
    PEAK,
    /** Mean square over a 10 ms window: follows perceived level. */
    RMS
}
