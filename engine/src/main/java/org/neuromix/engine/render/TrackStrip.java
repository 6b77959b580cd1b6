package org.neuromix.engine.render;

import java.util.ArrayList;
import java.util.List;

import org.neuromix.engine.audio.AudioBuffer;
import org.neuromix.engine.audio.ProcessSpec;
import org.neuromix.engine.dsp.BiquadFilter;
import org.neuromix.engine.dsp.Compressor;
import org.neuromix.engine.dsp.DeEsser;
import org.neuromix.engine.dsp.FdnReverb;
import org.neuromix.engine.dsp.Gain;
import org.neuromix.engine.dsp.NoiseGate;
import org.neuromix.engine.dsp.ParametricEq;
import org.neuromix.engine.dsp.Processor;
import org.neuromix.engine.dsp.ProcessorChain;
import org.neuromix.engine.dsp.StereoPlacement;
import org.neuromix.engine.plan.EqTypes;
import org.neuromix.engine.plan.MixPlan;
import org.neuromix.engine.plan.MixPlan.EqBand;
import org.neuromix.engine.plan.MixPlanValidator;

/**
 * One track's channel strip built from its plan: gate → EQ → compressor → de-esser → fader
 * (with polarity) in the stem's own channel count (mono or stereo), then placement into stereo.
 */
final class TrackStrip {
    /** Gate and EQ: the part of the strip a revision cannot change (see {@link RevisionPlans}). */
    private final ProcessorChain linearFront;
    /** Compressor and de-esser. */
    private final ProcessorChain dynamics;
    /** The fader (with polarity). */
    private final Gain fader;
    private final StereoPlacement placement;
    /** The width alone, centred (stereo sources only): what a DAW item holds before the DAW's own pan. */
    private final StereoPlacement widthOnly;

    TrackStrip(MixPlan.TrackPlan track, int sourceChannels, ProcessSpec spec) {
        List<Processor> front = new ArrayList<>();
        if (track.gate() != null) {
            MixPlan.GateMove g = track.gate();
            front.add(new NoiseGate(new NoiseGate.Settings(g.thresholdDb(), g.ratio(), g.rangeDb(), g.attackMs(),
                    g.holdMs(), g.releaseMs())));
        }
        if (!track.eq().isEmpty()) {
            front.add(equaliser(track.eq()));
        }
        List<Processor> processors = new ArrayList<>();
        if (track.compressor() != null) {
            processors.add(new Compressor(MixPlanValidator.compressorSettings(track.compressor())));
        }
        if (track.deEsser() != null) {
            MixPlan.DeEsserMove d = track.deEsser();
            processors.add(new DeEsser(new DeEsser.Settings(d.frequencyHz(), d.thresholdDb(), d.ratio(), d.rangeDb())));
        }
        fader = new Gain(track.gain().gainDb(), track.gain().polarityInverted());
        ProcessSpec sourceSpec = new ProcessSpec(spec.sampleRateHz(), spec.maxBlockFrames(), sourceChannels);
        linearFront = new ProcessorChain(front);
        linearFront.prepare(sourceSpec);
        dynamics = new ProcessorChain(processors);
        dynamics.prepare(sourceSpec);
        fader.prepare(sourceSpec);
        placement = new StereoPlacement(track.pan().position(), track.pan().width(), sourceChannels);
        widthOnly = sourceChannels == 2 ? new StereoPlacement(0, track.pan().width(), 2) : null;
    }

    static ParametricEq equaliser(List<EqBand> bands) {
        List<BiquadFilter> filters = new ArrayList<>();
        for (EqBand band : bands) {
            filters.add(new BiquadFilter(EqTypes.filterType(band.type()), band.frequencyHz(), band.q(), band.gainDb(),
                    band.slopeDbPerOctave()));
        }
        return new ParametricEq(filters);
    }

    static FdnReverb reverb(MixPlan.ReverbMove reverb) {
        return new FdnReverb(new FdnReverb.Settings(reverb.preDelayMs(), reverb.decaySeconds(), reverb.damping(),
                reverb.width()));
    }

    /** Runs the whole strip on {@code source} (in place) and writes the placed stereo result into {@code stereo}. */
    void process(AudioBuffer source, AudioBuffer stereo) {
        processFront(source);
        processRest(source, stereo);
    }

    /** Runs the gate and EQ on {@code source} in place: what a revision source holds. */
    void processFront(AudioBuffer source) {
        linearFront.process(source);
    }

    /** Runs dynamics and fader on {@code source} (in place) and writes the placed stereo result into {@code stereo}. */
    void processRest(AudioBuffer source, AudioBuffer stereo) {
        processRest(source, stereo, null);
    }

    /**
     * As {@link #processRest(AudioBuffer, AudioBuffer)}, also writing into {@code item} (when not null)
     * the signal after the dynamics and before the fader, with the stereo width applied: what a DAW
     * track plays before its own volume, polarity and pan ({@link DawItems}). {@code item} has the
     * source's channel count.
     */
    void processRest(AudioBuffer source, AudioBuffer stereo, AudioBuffer item) {
        dynamics.process(source);
        if (item != null) {
            if (widthOnly != null) {
                widthOnly.render(source, item);
            } else {
                System.arraycopy(source.channel(0), 0, item.channel(0), 0, source.frames());
                item.setFrames(source.frames());
            }
        }
        fader.process(source);
        placement.render(source, stereo);
    }
}
