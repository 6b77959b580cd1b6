package org.neuromix.engine.loudness;

import org.neuromix.engine.io.AudioFileInfo;

/**
 * The loudness analysis of one audio file.
 *
 * @param info            what the file's headers say
 * @param frames          frames decoded at the file's own rate
 * @param durationSeconds decoded duration (frames / sample rate)
 * @param measurement     the EBU R128 figures
 */
public record FileLoudness(AudioFileInfo info, long frames, double durationSeconds, LoudnessMeasurement measurement) {
}
