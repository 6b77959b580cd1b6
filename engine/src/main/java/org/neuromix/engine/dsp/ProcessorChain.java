package org.neuromix.engine.dsp;

import java.util.List;

import org.neuromix.engine.audio.AudioBuffer;
import org.neuromix.engine.audio.ProcessSpec;

/** Processors applied one after another; latency is the sum of theirs. */
public final class ProcessorChain implements Processor {
    private final List<Processor> processors;

    public ProcessorChain(List<Processor> processors) {
        this.processors = List.copyOf(processors);
    }

    @Override
    public void prepare(ProcessSpec spec) {
        processors.forEach(processor -> processor.prepare(spec));
    }

    @Override
    public void process(AudioBuffer buffer) {
        for (Processor processor : processors) {
            processor.process(buffer);
        }
    }

    @Override
    public void reset() {
        processors.forEach(Processor::reset);
    }

    @Override
    public int latencyFrames() {
        int total = 0;
        for (Processor processor : processors) {
            total += processor.latencyFrames();
        }
        return total;
    }

    public List<Processor> processors() {
        return processors;
    }
}
