package org.neuromix.engine.loudness;

import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.neuromix.engine.audio.AudioBuffer;
import org.neuromix.engine.io.AudioFileException;
import org.neuromix.engine.io.AudioReader;

/**
 * Measures a whole file at its own sample rate in one streaming pass. Decoding runs on the calling
 * thread while two workers meter the same blocks in parallel, one the gated loudness and one the
 * true peak; a small pool of blocks bounds memory (about 1.5 MB per channel) whatever the length.
 */
public final class FileLoudnessAnalyzer {
    private static final int BLOCK_FRAMES = 16_384;
    private static final int BLOCKS_IN_FLIGHT = 6;

    private FileLoudnessAnalyzer() {
    }

    public static FileLoudness analyze(Path file) throws AudioFileException {
        try (AudioReader reader = AudioReader.open(file)) {
            GatedLoudnessMeter loudness = new GatedLoudnessMeter(reader.sampleRate(), reader.info().channelRoles());
            TruePeakMeter peaks = new TruePeakMeter(reader.sampleRate(), reader.channels());
            meterInParallel(reader, loudness, peaks);
            long frames = reader.framesDelivered();
            return new FileLoudness(reader.info(), frames, frames / (double) reader.sampleRate(),
                    LoudnessMeter.measurement(loudness, peaks));
        }
    }

    private static void meterInParallel(AudioReader reader, GatedLoudnessMeter loudness, TruePeakMeter peaks)
            throws AudioFileException {
        BlockingQueue<AudioBuffer> free = new ArrayBlockingQueue<>(BLOCKS_IN_FLIGHT);
        for (int i = 0; i < BLOCKS_IN_FLIGHT; i++) {
            free.add(new AudioBuffer(reader.channels(), BLOCK_FRAMES));
        }
        ExecutorService loudnessWorker = Executors.newSingleThreadExecutor(daemon("loudness-meter"));
        ExecutorService peakWorker = Executors.newSingleThreadExecutor(daemon("true-peak-meter"));
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Future<?> lastLoudness = null;
        Future<?> lastPeak = null;
        try {
            while (true) {
                AudioBuffer block = free.take();
                if (reader.read(block) == 0) {
                    break;
                }
                AtomicInteger users = new AtomicInteger(2);
                Runnable release = () -> {
                    if (users.decrementAndGet() == 0) {
                        free.add(block);
                    }
                };
                lastLoudness = loudnessWorker.submit(() -> meter(() -> loudness.accept(block), release, failure));
                lastPeak = peakWorker.submit(() -> meter(() -> peaks.accept(block), release, failure));
                if (failure.get() != null) {
                    break;
                }
            }
            if (lastLoudness != null) {
                lastLoudness.get();
                lastPeak.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while metering " + reader.info().file(), e);
        } catch (ExecutionException e) {
            failure.compareAndSet(null, e.getCause());
        } finally {
            loudnessWorker.shutdownNow();
            peakWorker.shutdownNow();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("metering failed for " + reader.info().file(), failure.get());
        }
    }

    private static void meter(Runnable work, Runnable release, AtomicReference<Throwable> failure) {
        try {
            if (failure.get() == null) {
                work.run();
            }
        } catch (RuntimeException | Error e) {
            failure.compareAndSet(null, e);
        } finally {
            release.run();
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
