package org.neuromix.engine.train;

import org.neuromix.engine.analysis.Role;

/**
 * The General MIDI Level 1 melodic programs (0-based): their names, as the GM 1 sound set lists
 * them, and the mixing role each plays in a session.
 */
public final class GeneralMidi {
    private static final String[] NAMES = {
        "Acoustic Grand Piano", "Bright Acoustic Piano", "Electric Grand Piano", "Honky-tonk Piano", "Electric Piano 1",
        "Electric Piano 2", "Harpsichord", "Clavi", "Celesta", "Glockenspiel", "Music Box", "Vibraphone", "Marimba",
        "Xylophone", "Tubular Bells", "Dulcimer", "Drawbar Organ", "Percussive Organ", "Rock Organ", "Church Organ",
        "Reed Organ", "Accordion", "Harmonica", "Tango Accordion", "Acoustic Guitar (nylon)", "Acoustic Guitar (steel)",
        "Electric Guitar (jazz)", "Electric Guitar (clean)", "Electric Guitar (muted)", "Overdriven Guitar",
        "Distortion Guitar", "Guitar Harmonics", "Acoustic Bass", "Electric Bass (finger)", "Electric Bass (pick)",
        "Fretless Bass", "Slap Bass 1", "Slap Bass 2", "Synth Bass 1", "Synth Bass 2", "Violin", "Viola", "Cello",
        "Contrabass", "Tremolo Strings", "Pizzicato Strings", "Orchestral Harp", "Timpani", "String Ensemble 1",
        "String Ensemble 2", "Synth Strings 1", "Synth Strings 2", "Choir Aahs", "Voice Oohs", "Synth Voice",
        "Orchestra Hit", "Trumpet", "Trombone", "Tuba", "Muted Trumpet", "French Horn", "Brass Section", "Synth Brass 1",
        "Synth Brass 2", "Soprano Sax", "Alto Sax", "Tenor Sax", "Baritone Sax", "Oboe", "English Horn", "Bassoon",
        "Clarinet", "Piccolo", "Flute", "Recorder", "Pan Flute", "Blown Bottle", "Shakuhachi", "Whistle", "Ocarina",
        "Lead 1 (square)", "Lead 2 (sawtooth)", "Lead 3 (calliope)", "Lead 4 (chiff)", "Lead 5 (charang)",
        "Lead 6 (voice)", "Lead 7 (fifths)", "Lead 8 (bass + lead)", "Pad 1 (new age)", "Pad 2 (warm)",
        "Pad 3 (polysynth)", "Pad 4 (choir)", "Pad 5 (bowed)", "Pad 6 (metallic)", "Pad 7 (halo)", "Pad 8 (sweep)",
        "FX 1 (rain)", "FX 2 (soundtrack)", "FX 3 (crystal)", "FX 4 (atmosphere)", "FX 5 (brightness)", "FX 6 (goblins)",
        "FX 7 (echoes)", "FX 8 (sci-fi)", "Sitar", "Banjo", "Shamisen", "Koto", "Kalimba", "Bag pipe", "Fiddle",
        "Shanai", "Tinkle Bell", "Agogo", "Steel Drums", "Woodblock", "Taiko Drum", "Melodic Tom", "Synth Drum",
        "Reverse Cymbal", "Guitar Fret Noise", "Breath Noise", "Seashore", "Bird Tweet", "Telephone Ring", "Helicopter",
        "Applause", "Gunshot"};

    private GeneralMidi() {
    }

    /** The GM 1 name of a program 0-127. */
    public static String programName(int program) {
        return NAMES[check(program)];
    }

    /** The mixing role a GM program plays. Choirs and voices are backing vocals: sung, not a lead. */
    public static Role role(int program) {
        int p = check(program);
        if (p <= 7) {
            return Role.PIANO_KEYS;
        }
        if (p <= 15) {
            return Role.MALLETS;
        }
        if (p == 22) {
            return Role.WOODWIND; // harmonica
        }
        if (p <= 23) {
            return Role.ORGAN;
        }
        if (p <= 25) {
            return Role.ACOUSTIC_GUITAR;
        }
        if (p <= 31) {
            return Role.ELECTRIC_GUITAR;
        }
        if (p <= 39) {
            return Role.BASS;
        }
        if (p == 47) {
            return Role.PERCUSSION; // timpani
        }
        if (p <= 51) {
            return Role.STRINGS;
        }
        if (p <= 54) {
            return Role.BACKING_VOCAL;
        }
        if (p == 55) {
            return Role.FX_OTHER;
        }
        if (p <= 63) {
            return Role.BRASS;
        }
        if (p <= 79) {
            return Role.WOODWIND;
        }
        if (p <= 87) {
            return Role.SYNTH_LEAD;
        }
        if (p <= 95) {
            return Role.SYNTH_PAD;
        }
        if (p <= 103) {
            return Role.FX_OTHER;
        }
        return switch (p) {
            case 104, 105, 106, 107 -> Role.ACOUSTIC_GUITAR;
            case 108, 112, 114 -> Role.MALLETS;
            case 109, 111 -> Role.WOODWIND;
            case 110 -> Role.STRINGS;
            case 113, 115, 116, 117, 118 -> Role.PERCUSSION;
            default -> Role.FX_OTHER;
        };
    }

    private static int check(int program) {
        if (program < 0 || program > 127) {
            throw new IllegalArgumentException("a General MIDI program is 0-127, was " + program);
        }
        return program;
    }
}
