package org.neuromix.engine.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The packages reserved for the independent evaluation of the mixing AI, refused by path wherever
 * training, tuning or evaluation data is read: a path is refused when any folder or file name on
 * it (as given, and after links are resolved) belongs to one of them. Sound banks are also refused
 * by their own name, so a copied file is caught too.
 *
 * <p>Held out: {@code freedoom}, {@code openttd-openmsx}, {@code planetblupi-music-midi}, the
 * {@code lmms}/{@code lmms-common} demo projects, {@code hydrogen-data},
 * {@code fretsonfire-songs-*}, {@code festival}/{@code festvox-*}, the tracker modules of
 * {@code penguin-command}, {@code njam-data}, {@code solarwolf}, {@code gemdropx},
 * {@code bugsquish}, {@code vectoroids}, {@code tuxtype-data}, {@code tuxmath-data}, and the banks
 * {@code fluid-soundfont-gm}, {@code fluid-soundfont-gs}, {@code fluidr3mono-gm-soundfont},
 * {@code musescore-general-soundfont*}, {@code timgm6mb-soundfont}.
 */
public final class HeldOutMaterial {
    /** Folder or file names (lower case, matched as prefixes) that the held-out packages install. */
    private static final List<String> NAME_PREFIXES = List.of(
            "freedoom", "openmsx", "planetblupi", "lmms", "hydrogen", "fretsonfire", "festival", "festvox",
            "penguin-command", "njam", "solarwolf", "gemdropx", "bugsquish", "vectoroids", "tuxtype", "tuxmath",
            // Sound banks: FluidR3_GM.sf2, FluidR3_GS.sf2, FluidR3Mono_GM.sf3, MuseScore_General.sf3, TimGM6mb.sf2.
            "fluidr3", "fluid-soundfont", "fluid_r3", "musescore_general", "musescore-general", "timgm6mb");
    /** Words in a bank's own name (lower case, spaces and punctuation removed) that mark a held-out bank. */
    private static final List<String> BANK_NAME_WORDS = List.of("fluidr3", "fluidgm", "fluidgs", "timgm", "musescore");

    private HeldOutMaterial() {
    }

    /** A one-line refusal when {@code path} lies in held-out material, else null. */
    public static String refusal(Path path) {
        for (Path candidate : forms(path)) {
            for (Path part : candidate) {
                String name = part.toString().toLowerCase(Locale.ROOT);
                for (String prefix : NAME_PREFIXES) {
                    if (name.startsWith(prefix)) {
                        return path + " is held-out material (" + prefix + "…), reserved for independent evaluation:"
                                + " never used for training, tuning or evaluation";
                    }
                }
            }
        }
        return null;
    }

    /** A one-line refusal when a sound bank's own name says it is a held-out bank, else null. */
    static String refusalOfBankName(Path file, String bankName) {
        if (bankName == null) {
            return null;
        }
        String squashed = bankName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        for (String word : BANK_NAME_WORDS) {
            if (squashed.contains(word)) {
                return file + " is the held-out bank \"" + bankName.trim() + "\", reserved for independent evaluation";
            }
        }
        return null;
    }

    private static List<Path> forms(Path path) {
        List<Path> forms = new ArrayList<>();
        Path absolute = path.toAbsolutePath().normalize();
        forms.add(absolute);
        // Links resolved on the deepest part of the path that exists, so a link into held-out
        // material is caught even for a file not written yet.
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing != null) {
            try {
                forms.add(existing.toRealPath().resolve(existing.relativize(absolute)).normalize());
            } catch (IOException e) {
                // An unreadable link: the path as given is still checked.
            }
        }
        return forms;
    }
}
