package org.neuromix.engine.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.neuromix.engine.analysis.Role;
import org.neuromix.engine.train.PartScore.Note;

/**
 * Procedurally composes a multitrack song from a seed: a style (tempo range, drum feel,
 * instrumentation), a key and mode, a chord progression one chord per bar, and parts that follow
 * it — kick, snare and hi-hat as separate drum stems, bass on the chord roots, a chord part
 * (pad, piano, strummed acoustic or power-chord guitar), a lead melody on the scale with chord
 * tones on strong beats, and for some styles sustained strings. For variety (and so the role
 * classifier sees every role the generator can make) a song may also get tom fills, a percussion
 * part, a mallet arpeggio, a choir, a sound-effect texture, and electric piano or organ as its
 * chord part; these choices come from a second random stream, so the original parts of a seed are
 * unchanged. Everything comes from {@link Random}s seeded by the caller's seed, so a seed always
 * gives the same song.
 */
public final class SongComposer {
    public static final List<String> STYLES = List.of("pop", "rock", "electronic", "acoustic", "hiphop");
    private static final int[] MAJOR = {0, 2, 4, 5, 7, 9, 11};
    private static final int[] MINOR = {0, 2, 3, 5, 7, 8, 10};
    private static final int[][] MAJOR_PROGRESSIONS = {{0, 4, 5, 3}, {5, 3, 0, 4}, {0, 3, 4, 3}, {0, 5, 3, 4}};
    private static final int[][] MINOR_PROGRESSIONS = {{0, 5, 2, 6}, {0, 3, 4, 0}, {0, 6, 5, 6}, {0, 2, 5, 4}};

    private SongComposer() {
    }

    public static SongScore compose(long seed, int bars) {
        if (bars < 1 || bars > 512) {
            throw new IllegalArgumentException("bars must be in [1, 512], was " + bars);
        }
        Random random = new Random(seed);
        String style = STYLES.get(random.nextInt(STYLES.size()));
        double tempo = switch (style) {
            case "electronic" -> 118 + random.nextInt(12);
            case "hiphop" -> 82 + random.nextInt(16);
            case "acoustic" -> 80 + random.nextInt(30);
            case "rock" -> 110 + random.nextInt(40);
            default -> 96 + random.nextInt(28);
        };
        int keyRoot = random.nextInt(12);
        boolean minor = random.nextBoolean();
        int[] scale = minor ? MINOR : MAJOR;
        int[][] progressions = minor ? MINOR_PROGRESSIONS : MAJOR_PROGRESSIONS;
        int[] progression = progressions[random.nextInt(progressions.length)];

        // A separate stream for the extra variety, so the parts drawn from `random` stay as they were.
        Random variety = new Random(seed * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L);
        List<PartScore> parts = new ArrayList<>();
        parts.addAll(drums(style, bars, random));
        parts.add(bass(style, bars, keyRoot, scale, progression, random));
        parts.add(chords(style, bars, keyRoot, scale, progression, random, variety.nextInt(4)));
        parts.add(lead(style, bars, keyRoot, scale, progression, random));
        if (style.equals("pop") || style.equals("acoustic") || random.nextInt(3) == 0) {
            parts.add(strings(bars, keyRoot, scale, progression));
        }
        if (variety.nextInt(3) == 0) {
            parts.add(toms(bars, variety));
        }
        if (variety.nextInt(3) == 0) {
            parts.add(percussion(style, bars, variety));
        }
        if (variety.nextInt(4) == 0) {
            parts.add(mallets(bars, keyRoot, scale, progression, variety));
        }
        if (variety.nextInt(4) == 0) {
            parts.add(choir(bars, keyRoot, scale, progression, variety));
        }
        if (variety.nextInt(5) == 0) {
            parts.add(effects(bars, keyRoot, scale, progression, variety));
        }
        return new SongScore(seed, tempo, keyRoot, minor, style, bars, parts);
    }

    private static List<PartScore> drums(String style, int bars, Random random) {
        List<Note> kick = new ArrayList<>(), snare = new ArrayList<>(), hats = new ArrayList<>();
        boolean sixteenths = style.equals("electronic") || style.equals("hiphop");
        boolean syncopated = random.nextBoolean();
        for (int bar = 0; bar < bars; bar++) {
            double b = bar * 4.0;
            if (style.equals("electronic")) {
                for (int beat = 0; beat < 4; beat++) {
                    kick.add(new Note(b + beat, 0.25, 36, velocity(random, 110)));
                }
            } else {
                kick.add(new Note(b, 0.25, 36, velocity(random, 110)));
                kick.add(new Note(b + 2, 0.25, 36, velocity(random, 105)));
                if (syncopated) {
                    kick.add(new Note(b + 2.5, 0.25, 36, velocity(random, 90)));
                }
            }
            if (!style.equals("acoustic") || bar % 2 == 1) {
                snare.add(new Note(b + 1, 0.25, 38, velocity(random, 105)));
                snare.add(new Note(b + 3, 0.25, 38, velocity(random, 108)));
            }
            double step = sixteenths ? 0.25 : 0.5;
            for (double t = 0; t < 4; t += step) {
                boolean open = !sixteenths && t == 3.5 && bar % 4 == 3;
                hats.add(new Note(b + t, step, open ? 46 : 42, velocity(random, t % 1 == 0 ? 90 : 65)));
            }
        }
        return List.of(new PartScore("Kick", Role.KICK, 0, true, kick),
                new PartScore("Snare", Role.SNARE, 0, true, snare),
                new PartScore("Hi-Hat", Role.HI_HAT_CYMBALS, 0, true, hats));
    }

    private static PartScore bass(String style, int bars, int key, int[] scale, int[] progression, Random random) {
        boolean synth = style.equals("electronic") || style.equals("hiphop");
        List<Note> notes = new ArrayList<>();
        double[] rhythm = random.nextBoolean() ? new double[] {0, 1.5, 2, 3} : new double[] {0, 0.5, 1.5, 2, 2.5, 3.5};
        for (int bar = 0; bar < bars; bar++) {
            int root = 36 + ((key + scale[progression[bar % progression.length]]) % 12);
            for (int i = 0; i < rhythm.length; i++) {
                double length = (i + 1 < rhythm.length ? rhythm[i + 1] : 4) - rhythm[i];
                int pitch = i == rhythm.length - 1 && random.nextBoolean() ? root + 7 : root;
                notes.add(new Note(bar * 4 + rhythm[i], length * 0.9, pitch, velocity(random, 100)));
            }
        }
        return new PartScore("Bass", Role.BASS, synth ? 38 : 33, false, notes);
    }

    /** @param keysChoice 0-3: for pop and hip-hop, 0 and 1 piano, 2 electric piano, 3 organ */
    private static PartScore chords(String style, int bars, int key, int[] scale, int[] progression, Random random,
                                    int keysChoice) {
        int program;
        Role role;
        String name;
        switch (style) {
            case "rock" -> { program = 30; role = Role.ELECTRIC_GUITAR; name = "Rhythm Gtr"; }
            case "acoustic" -> { program = 25; role = Role.ACOUSTIC_GUITAR; name = "Acoustic Gtr"; }
            case "electronic" -> { program = 89; role = Role.SYNTH_PAD; name = "Pad"; }
            default -> {
                switch (keysChoice) {
                    case 2 -> { program = 4; role = Role.PIANO_KEYS; name = "E-Piano"; }
                    case 3 -> { program = 16; role = Role.ORGAN; name = "Organ"; }
                    default -> { program = 0; role = Role.PIANO_KEYS; name = "Piano"; }
                }
            }
        }
        List<Note> notes = new ArrayList<>();
        for (int bar = 0; bar < bars; bar++) {
            int[] triad = triad(key, scale, progression[bar % progression.length], 60);
            if (role == Role.SYNTH_PAD) {
                for (int pitch : triad) {
                    notes.add(new Note(bar * 4, 4, pitch, 80));
                }
            } else {
                double step = role == Role.ACOUSTIC_GUITAR ? 0.5 : 1.0;
                for (double t = 0; t < 4; t += step) {
                    int[] voicing = role == Role.ELECTRIC_GUITAR ? new int[] {triad[0] - 12, triad[0] - 5} : triad;
                    for (int pitch : voicing) {
                        notes.add(new Note(bar * 4 + t, step * 0.9, pitch, velocity(random, t % 2 == 0 ? 95 : 80)));
                    }
                }
            }
        }
        return new PartScore(name, role, program, false, notes);
    }

    private static PartScore lead(String style, int bars, int key, int[] scale, int[] progression, Random random) {
        int[][] choices = {{80, 0}, {65, 1}, {73, 2}, {56, 3}, {27, 4}};
        int[] choice = style.equals("electronic") ? choices[0] : choices[random.nextInt(choices.length)];
        Role role = switch (choice[1]) {
            case 0 -> Role.SYNTH_LEAD;
            case 1, 2 -> Role.WOODWIND;
            case 3 -> Role.BRASS;
            default -> Role.ELECTRIC_GUITAR;
        };
        String name = switch (choice[1]) {
            case 0 -> "Synth Lead";
            case 1 -> "Sax";
            case 2 -> "Flute";
            case 3 -> "Trumpet";
            default -> "Lead Gtr";
        };
        List<Note> notes = new ArrayList<>();
        int degree = 7; // scale steps above the tonic, around the fifth octave
        for (int bar = 0; bar < bars; bar++) {
            if (bar % 4 == 0 && random.nextInt(4) == 0) {
                continue; // a bar of rest now and then
            }
            double t = 0;
            while (t < 4) {
                double length = new double[] {0.5, 0.5, 1, 1, 1.5, 2}[random.nextInt(6)];
                length = Math.min(length, 4 - t);
                if (t % 2 == 0) {
                    // Strong beats land on a chord tone.
                    int chordDegree = progression[bar % progression.length] + 2 * random.nextInt(3);
                    degree = chordDegree + 7 * Math.round((degree - chordDegree) / 7f);
                } else {
                    degree += random.nextInt(5) - 2;
                }
                degree = Math.max(3, Math.min(14, degree));
                int pitch = 60 + key + scale[Math.floorMod(degree, 7)] + 12 * Math.floorDiv(degree, 7);
                notes.add(new Note(bar * 4 + t, length * 0.9, pitch, velocity(random, 96)));
                t += length;
            }
        }
        return new PartScore(name, role, choice[0], false, notes);
    }

    private static PartScore strings(int bars, int key, int[] scale, int[] progression) {
        List<Note> notes = new ArrayList<>();
        for (int bar = 0; bar < bars; bar++) {
            for (int pitch : triad(key, scale, progression[bar % progression.length], 48)) {
                notes.add(new Note(bar * 4, 4, pitch + 12, 70));
            }
        }
        return new PartScore("Strings", Role.STRINGS, 48, false, notes);
    }

    /** Tom fills (GM high to floor toms) over the last two beats of every second bar. */
    private static PartScore toms(int bars, Random random) {
        int[] pitches = {50, 48, 47, 45, 43, 41};
        List<Note> notes = new ArrayList<>();
        for (int bar = 1; bar < bars; bar += 2) {
            int first = random.nextInt(2);
            for (int i = 0; i < 4; i++) {
                notes.add(new Note(bar * 4 + 2 + 0.5 * i, 0.5, pitches[Math.min(pitches.length - 1, first + i)],
                        velocity(random, 100)));
            }
        }
        if (notes.isEmpty()) { // one-bar songs: a single fill
            for (int i = 0; i < 4; i++) {
                notes.add(new Note(2 + 0.5 * i, 0.5, pitches[i], velocity(random, 100)));
            }
        }
        return new PartScore("Toms", Role.TOMS, 0, true, notes);
    }

    /** A shaker, tambourine or conga pattern on the GM percussion channel. */
    private static PartScore percussion(String style, int bars, Random random) {
        int kind = random.nextInt(3);
        String name = new String[] {"Shaker", "Tambourine", "Congas"}[kind];
        double step = kind == 0 || style.equals("electronic") ? 0.25 : 0.5;
        List<Note> notes = new ArrayList<>();
        for (int bar = 0; bar < bars; bar++) {
            for (double t = 0; t < 4; t += step) {
                int pitch = switch (kind) {
                    case 0 -> 70; // maracas: the JDK bank has no GM shaker (82)
                    case 1 -> 54;
                    default -> t % 1 == 0 ? 64 : 63;
                };
                notes.add(new Note(bar * 4 + t, step, pitch, velocity(random, t % 1 == 0 ? 90 : 70)));
            }
        }
        return new PartScore(name, Role.PERCUSSION, 0, true, notes);
    }

    /** An eighth-note arpeggio of the chord tones on vibraphone, marimba, glockenspiel or xylophone. */
    private static PartScore mallets(int bars, int key, int[] scale, int[] progression, Random random) {
        int kind = random.nextInt(4);
        int program = new int[] {11, 12, 9, 13}[kind];
        String name = new String[] {"Vibes", "Marimba", "Glockenspiel", "Xylophone"}[kind];
        int base = kind == 2 ? 72 : 60;
        List<Note> notes = new ArrayList<>();
        for (int bar = 0; bar < bars; bar++) {
            int[] triad = triad(key, scale, progression[bar % progression.length], base);
            int[] order = {0, 1, 2, 1};
            for (int i = 0; i < 8; i++) {
                int pitch = triad[order[i % 4]] + (i >= 4 && random.nextBoolean() ? 12 : 0);
                notes.add(new Note(bar * 4 + 0.5 * i, 0.45, pitch, velocity(random, 85)));
            }
        }
        return new PartScore(name, Role.MALLETS, program, false, notes);
    }

    /** Sustained "aah" or "ooh" chords: the GM choir, standing in for backing vocals. */
    private static PartScore choir(int bars, int key, int[] scale, int[] progression, Random random) {
        boolean aahs = random.nextBoolean();
        List<Note> notes = new ArrayList<>();
        for (int bar = 0; bar < bars; bar++) {
            for (int pitch : triad(key, scale, progression[bar % progression.length], 60)) {
                notes.add(new Note(bar * 4, 3.8, pitch, 75));
            }
        }
        return new PartScore("Choir", Role.BACKING_VOCAL, aahs ? 52 : 53, false, notes);
    }

    /** A GM sound-effect patch (rain, soundtrack, crystal, atmosphere, ...) holding the root every two bars. */
    private static PartScore effects(int bars, int key, int[] scale, int[] progression, Random random) {
        int program = 96 + random.nextInt(8);
        List<Note> notes = new ArrayList<>();
        for (int bar = 0; bar < bars; bar += 2) {
            int root = 72 + ((key + scale[progression[bar % progression.length]]) % 12);
            notes.add(new Note(bar * 4, Math.min(8, (bars - bar) * 4) * 0.9, root, 80));
        }
        return new PartScore("FX", Role.FX_OTHER, program, false, notes);
    }

    /** The triad on a scale degree, in the octave starting at {@code base}. */
    private static int[] triad(int key, int[] scale, int degree, int base) {
        int[] triad = new int[3];
        for (int i = 0; i < 3; i++) {
            int step = degree + 2 * i;
            triad[i] = base + ((key + scale[step % 7]) % 12) + 12 * (step / 7);
        }
        return triad;
    }

    private static int velocity(Random random, int centre) {
        return Math.max(1, Math.min(127, centre + random.nextInt(21) - 10));
    }
}
