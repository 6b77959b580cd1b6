package org.neuromix.engine.train;

import java.util.List;

import org.neuromix.engine.analysis.Role;

/**
 * One part of a synthetic song: what it is and its notes.
 *
 * @param name       stem name, e.g. {@code Kick}, {@code Bass}
 * @param role       the part's mixing role (the ground truth a role classifier learns)
 * @param program    General MIDI program (0-127); ignored on the drum channel
 * @param drums      whether the part plays on the GM percussion channel (10)
 * @param notes      the notes, in beats
 */
public record PartScore(String name, Role role, int program, boolean drums, List<Note> notes) {
    public PartScore {
        notes = List.copyOf(notes);
    }

    /** A note: start and length in beats, MIDI pitch and velocity (1-127). */
    public record Note(double startBeat, double lengthBeats, int pitch, int velocity) {
    }
}
