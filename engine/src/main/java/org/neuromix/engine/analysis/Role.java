package org.neuromix.engine.analysis;

import java.util.Locale;

/** What a stem is, as far as mixing decisions go. Plan names are the camelCase forms. */
public enum Role {
    LEAD_VOCAL("leadVocal", "lead vocal"),
    BACKING_VOCAL("backingVocal", "backing vocal"),
    KICK("kick", "kick drum"),
    SNARE("snare", "snare drum"),
    TOMS("toms", "toms"),
    HI_HAT_CYMBALS("hiHatCymbals", "hi-hat and cymbals"),
    DRUMS_OVERHEADS("drumsOverheads", "drum kit (overheads)"),
    PERCUSSION("percussion", "percussion"),
    BASS("bass", "bass"),
    ELECTRIC_GUITAR("electricGuitar", "electric guitar"),
    ACOUSTIC_GUITAR("acousticGuitar", "acoustic guitar"),
    PIANO_KEYS("pianoKeys", "piano or keys"),
    ORGAN("organ", "organ"),
    SYNTH_LEAD("synthLead", "synth lead"),
    SYNTH_PAD("synthPad", "synth pad"),
    STRINGS("strings", "strings"),
    BRASS("brass", "brass"),
    WOODWIND("woodwind", "woodwind"),
    MALLETS("mallets", "mallets"),
    FX_OTHER("fxOther", "effects and other sounds");

    private final String planName;
    private final String words;

    Role(String planName, String words) {
        this.planName = planName;
        this.words = words;
    }

    /** What a musician calls it, e.g. "hi-hat and cymbals"; for pages and reasons, never for parsing. */
    public String words() {
        return words;
    }

    /**
     * The words with their article where one is natural ("an organ", "a lead vocal"); names of
     * several things ("toms", "strings", "percussion") need none.
     */
    public String withArticle() {
        return switch (this) {
            case TOMS, HI_HAT_CYMBALS, PERCUSSION, STRINGS, BRASS, MALLETS, FX_OTHER, WOODWIND -> words;
            default -> ("aeiou".indexOf(words.charAt(0)) >= 0 ? "an " : "a ") + words;
        };
    }

    /** The name used in mix plans and the API, e.g. {@code leadVocal}. */
    public String planName() {
        return planName;
    }

    /** The role for a plan name (case-insensitive), or null. */
    public static Role fromPlanName(String name) {
        if (name == null) {
            return null;
        }
        String wanted = name.toLowerCase(Locale.ROOT);
        for (Role role : values()) {
            if (role.planName.toLowerCase(Locale.ROOT).equals(wanted)) {
                return role;
            }
        }
        return null;
    }
}
