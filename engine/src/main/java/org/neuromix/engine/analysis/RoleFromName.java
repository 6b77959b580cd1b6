package org.neuromix.engine.analysis;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Guesses a stem's {@link Role} from its file name, the way engineers name tracks: English plus
 * German, French, Spanish, Italian, Portuguese and Dutch words, and the usual studio
 * abbreviations ("Vox", "BV", "Kik", "OH", "Gtr", "DI", "Pno", ...). Names are split into words
 * (on separators, digits and camelCase), accents removed; each word votes for roles with a weight,
 * and a few word pairs ("lead" + "vox", "synth" + "lead", "floor" + "tom") decide together.
 *
 * <p>The confidence is the winning share of the votes, scaled down when the evidence is thin; a
 * name with no known word gives {@link Role#FX_OTHER} with confidence 0, so the audio classifier
 * decides.
 */
public final class RoleFromName {
    /** A role with how sure the guess is, 0 to 1. */
    public record Guess(Role role, double confidence) {
    }

    private static final Map<String, Vote[]> WORDS = new java.util.HashMap<>();

    private record Vote(Role role, double weight) {
    }

    private static void words(Role role, double weight, String... names) {
        for (String name : names) {
            Vote[] existing = WORDS.get(name);
            Vote vote = new Vote(role, weight);
            if (existing == null) {
                WORDS.put(name, new Vote[] {vote});
            } else {
                Vote[] more = java.util.Arrays.copyOf(existing, existing.length + 1);
                more[existing.length] = vote;
                WORDS.put(name, more);
            }
        }
    }

    static {
        words(Role.LEAD_VOCAL, 1.0, "vox", "vocal", "vocals", "voc", "vocs", "vx", "voice", "singer", "sing", "lv", "leadvox",
                "stimme", "gesang", "voix", "chant", "voz", "voce", "cantante", "zang", "rap", "verse", "adlib", "adlibs");
        words(Role.BACKING_VOCAL, 1.2, "bv", "bvs", "bgv", "bgvs", "bvox", "backing", "backings", "bkg", "harmony", "harmonies",
                "harm", "choir", "chor", "choeur", "coro", "koor", "coros", "ooh", "aah", "dbl", "double", "doubles",
                "chorus", "backvocals", "backvox", "choirs");
        words(Role.KICK, 1.5, "kick", "kik", "kck", "bd", "bassdrum", "kickin", "kickout", "kicksub", "subkick",
                "cassa", "bombo", "grossecaisse", "bumbo", "kickdrum", "kicks");
        words(Role.SNARE, 1.5, "snare", "snr", "sn", "sd", "snares", "rimshot", "rim", "caja", "rullante", "claisse",
                "caisseclaire", "redoblante", "trommel", "clap", "claps");
        words(Role.TOMS, 1.5, "tom", "toms", "ft", "floortom", "rack", "racktom", "hitom", "lotom", "tomtom", "timbales");
        words(Role.HI_HAT_CYMBALS, 1.5, "hh", "hat", "hats", "hihat", "hihats", "hi", "cym", "cyms", "cymbal", "cymbals",
                "ride", "crash", "china", "splash", "becken", "cymbale", "platillos", "piatti", "charleston");
        words(Role.DRUMS_OVERHEADS, 1.3, "oh", "ohs", "ovh", "overhead", "overheads", "drums", "drum", "kit", "drumkit",
                "room", "rooms", "drumroom", "amb", "ambience", "schlagzeug", "batterie", "bateria", "batteria", "drumbus",
                "drumsbus", "mono", "trash", "crush");
        words(Role.PERCUSSION, 1.2, "perc", "percussion", "percussions", "shaker", "shakers", "tamb", "tambourine", "conga",
                "congas", "bongo", "bongos", "cajon", "cowbell", "triangle", "djembe", "guiro", "claves", "tabla", "percu",
                "percusion", "percussioni", "woodblock", "timpani", "pauken");
        words(Role.BASS, 1.3, "bass", "bs", "bas", "basse", "bajo", "basso", "baixo", "subbass", "sub", "808", "bassamp",
                "bassdi", "upright", "contrabass", "kontrabass", "basgitaar");
        words(Role.ELECTRIC_GUITAR, 1.1, "gtr", "gtrs", "guitar", "guitars", "egtr", "eg", "elec", "electric", "gitarre",
                "guitare", "guitarra", "chitarra", "gitaar", "dist", "distorted", "crunch", "riff", "riffs", "rhythm", "amp",
                "strat", "tele", "lp", "solo");
        words(Role.ACOUSTIC_GUITAR, 1.4, "agtr", "ag", "acoustic", "acgtr", "akustik", "akustisch", "acoustique",
                "acustica", "nylon", "classical", "folk", "ukulele", "uke", "banjo", "mandolin", "mandoline", "bouzouki");
        words(Role.PIANO_KEYS, 1.2, "pno", "piano", "pianos", "keys", "key", "keyboard", "keyboards", "rhodes", "wurli",
                "wurlitzer", "ep", "epiano", "grand", "upright", "klavier", "flugel", "pianoforte", "clavinet", "clav",
                "harpsichord", "cembalo", "celesta", "toypiano", "teclado", "tastiera");
        words(Role.ORGAN, 1.5, "organ", "org", "b3", "hammond", "leslie", "orgel", "orgue", "organo", "orgao", "farfisa");
        words(Role.SYNTH_LEAD, 1.0, "synthlead", "lead", "leads", "arp", "arps", "pluck", "plucks", "saw", "seq", "sequence",
                "melody", "hook", "topline");
        words(Role.SYNTH_PAD, 1.2, "pad", "pads", "synth", "synths", "syn", "synthe", "sintetizador", "sintetizzatore",
                "atmo", "atmos", "drone", "texture", "textures", "warm", "swell", "moog", "juno", "prophet");
        words(Role.STRINGS, 1.4, "str", "strs", "string", "strings", "violin", "violins", "vln", "vl", "viola", "vla",
                "cello", "cellos", "vc", "vcl", "violoncello", "violoncelle", "geige", "geigen", "streicher", "cordes",
                "cuerdas", "archi", "violon", "violino", "violines", "ensemble", "orchestra", "orch", "quartet", "harp", "harfe");
        words(Role.BRASS, 1.4, "brass", "horn", "horns", "hn", "tpt", "trumpet", "trumpets", "trompete", "trompette",
                "trompeta", "tromba", "tbn", "trb", "trombone", "trombones", "posaune", "tuba", "flugelhorn", "cornet",
                "blaeser", "blaser", "cuivres", "metales", "ottoni", "frenchhorn");
        words(Role.WOODWIND, 1.4, "sax", "saxophone", "saxofon", "saxofono", "alto", "tenor", "bari", "ww", "woodwind",
                "woodwinds", "flute", "flutes", "flote", "flauta", "flauto", "fl", "clarinet", "clarinette", "klarinette",
                "clarinete", "clarinetto", "cl", "oboe", "hautbois", "bassoon", "fagott", "basson", "piccolo", "recorder");
        words(Role.MALLETS, 1.5, "mallet", "mallets", "marimba", "vibes", "vibraphone", "vibrafono", "xylophone", "xylo",
                "glockenspiel", "glock", "bells", "celeste", "kalimba", "steelpan", "chimes");
        words(Role.FX_OTHER, 1.0, "fx", "sfx", "efx", "effect", "effects", "riser", "risers", "impact", "impacts", "sweep",
                "whoosh", "noise", "foley", "reverse", "rev", "transition", "downlifter", "uplifter", "vinyl", "click",
                "metronome", "sample", "samples", "loop", "loops");
    }

    private RoleFromName() {
    }

    public static Guess guess(String fileName) {
        List<String> words = words(fileName);
        Map<Role, Double> votes = new EnumMap<>(Role.class);
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            String next = i + 1 < words.size() ? words.get(i + 1) : "";
            String previous = i > 0 ? words.get(i - 1) : "";
            // Pairs that mean more than their words.
            if (word.equals("lead") && isVoice(next) || isVoice(word) && previous.equals("lead")) {
                add(votes, Role.LEAD_VOCAL, 3.0);
                continue;
            }
            if ((word.equals("back") || word.equals("backing") || word.equals("bg")) && isVoice(next)) {
                add(votes, Role.BACKING_VOCAL, 3.0);
                continue;
            }
            if (word.equals("floor") && next.startsWith("tom")) {
                add(votes, Role.TOMS, 3.0);
                continue;
            }
            if ((word.equals("synth") || word.equals("syn")) && next.equals("lead")) {
                add(votes, Role.SYNTH_LEAD, 3.0);
                continue;
            }
            if (word.equals("grosse") && next.equals("caisse")) {
                add(votes, Role.KICK, 3.0);
                continue;
            }
            if (word.equals("caisse") && next.equals("claire")) {
                add(votes, Role.SNARE, 3.0);
                continue;
            }
            if (word.equals("bass") && next.equals("drum")) {
                add(votes, Role.KICK, 3.0);
                continue;
            }
            if ((word.equals("e") && next.equals("piano")) || (word.equals("el") && next.equals("piano"))) {
                add(votes, Role.PIANO_KEYS, 3.0);
                continue;
            }
            // "Acoustic Gtr", "AC Guitar", "Akustik Gitarre": the guitar word is the acoustic's, not a vote for electric.
            if ((word.equals("ac") || word.equals("a") || ACOUSTIC_MODIFIERS.contains(word)) && GUITAR_WORDS.contains(next)) {
                add(votes, Role.ACOUSTIC_GUITAR, 3.0);
                i++;
                continue;
            }
            // "Lead Gtr", "Rhythm Guitar", "E Gtr": a guitar part of the band, not a synth lead.
            if (ELECTRIC_MODIFIERS.contains(word) && GUITAR_WORDS.contains(next)) {
                add(votes, Role.ELECTRIC_GUITAR, 3.0);
                i++;
                continue;
            }
            // "Acoustic" names the guitar only when no other instrument follows: Acoustic Bass,
            // Acoustic Grand Piano and Acoustic Drums are not guitars.
            if (ACOUSTIC_MODIFIERS.contains(word) && namesAnotherInstrument(next)) {
                continue;
            }
            if (word.equals("di") && (previous.equals("bass") || next.equals("bass"))) {
                add(votes, Role.BASS, 1.0);
                continue;
            }
            Vote[] wordVotes = WORDS.get(word);
            if (wordVotes != null) {
                for (Vote vote : wordVotes) {
                    add(votes, vote.role(), vote.weight());
                }
            }
        }
        if (votes.isEmpty()) {
            return new Guess(Role.FX_OTHER, 0.0);
        }
        Role best = null;
        double bestScore = 0;
        double total = 0;
        for (Map.Entry<Role, Double> entry : votes.entrySet()) {
            total += entry.getValue();
            if (entry.getValue() > bestScore) {
                best = entry.getKey();
                bestScore = entry.getValue();
            }
        }
        // Share of the votes, and thin evidence (one weak word) counts for less.
        double share = bestScore / total;
        double strength = 1 - Math.exp(-bestScore);
        return new Guess(best, Math.round(share * strength * 1000) / 1000.0);
    }

    private static final java.util.Set<String> GUITAR_WORDS = java.util.Set.of("gtr", "gtrs", "guitar", "guitars", "gitarre",
            "guitare", "guitarra", "chitarra", "gitaar");

    private static final java.util.Set<String> ELECTRIC_MODIFIERS = java.util.Set.of("lead", "rhythm", "solo", "e", "el",
            "elec", "electric", "clean", "dist", "distorted", "crunch");

    private static final java.util.Set<String> ACOUSTIC_MODIFIERS = java.util.Set.of("acoustic", "akustik", "akustisch",
            "acoustique");

    /** Whether {@code word} votes only for roles other than the guitars. */
    private static boolean namesAnotherInstrument(String word) {
        Vote[] votes = WORDS.get(word);
        if (votes == null) {
            return false;
        }
        for (Vote vote : votes) {
            if (vote.role() == Role.ACOUSTIC_GUITAR || vote.role() == Role.ELECTRIC_GUITAR) {
                return false;
            }
        }
        return true;
    }

    private static boolean isVoice(String word) {
        Vote[] votes = WORDS.get(word);
        if (votes == null) {
            return false;
        }
        for (Vote vote : votes) {
            if (vote.role() == Role.LEAD_VOCAL) {
                return true;
            }
        }
        return false;
    }

    private static void add(Map<Role, Double> votes, Role role, double weight) {
        votes.merge(role, weight, Double::sum);
    }

    /** "01_LeadVox-DBL.wav" → [lead, vox, dbl]; accents removed, lower case, numbers dropped. */
    static List<String> words(String fileName) {
        String base = fileName.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1);
        int dot = base.lastIndexOf('.');
        if (dot > 0) {
            base = base.substring(0, dot);
        }
        // Alphanumeric names that must survive the split below.
        base = base.replaceAll("(?i)(?<![\\p{L}\\p{N}])b3(?![\\p{L}\\p{N}])", "hammond");
        // camelCase and letter/digit boundaries become separators ("LeadVox2" → "Lead Vox 2"); "808" stays.
        base = base.replaceAll("(?<=\\p{Ll})(?=\\p{Lu})", " ").replaceAll("(?<=\\p{L})(?=\\p{N})|(?<=\\p{N})(?=\\p{L})", " ");
        String plain = Normalizer.normalize(base, Normalizer.Form.NFD).replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT);
        plain = plain.replace("œ", "oe").replace("ß", "ss");
        List<String> words = new ArrayList<>();
        for (String word : plain.split("[^\\p{L}\\p{N}]+")) {
            if (word.isEmpty() || (word.chars().allMatch(Character::isDigit) && !word.equals("808"))) {
                continue;
            }
            words.add(word);
        }
        return words;
    }
}
