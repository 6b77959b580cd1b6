package org.neuromix.engine.analysis;

import java.util.Locale;

/** What a stem is, as far as mixing decisions go. Plan names are the camelCase forms. */
public enum Role {
    LEAD_VOCAL("leadVocal"),
    BACKING_VOCAL("backingVocal"),
    KICK("kick"),
    SNARE("snare"),
    TOMS("toms"),
    HI_HAT_CYMBALS("hiHatCymbals"),
    DRUMS_OVERHEADS("drumsOverheads"),
    PERCUSSION("percussion"),
    BASS("bass"),
    ELECTRIC_GUITAR("electricGuitar"),
    ACOUSTIC_GUITAR("acousticGuitar"),
    PIANO_KEYS("pianoKeys"),
    ORGAN("organ"),
    SYNTH_LEAD("synthLead"),
    SYNTH_PAD("synthPad"),
    STRINGS("strings"),
    BRASS("brass"),
    WOODWIND("woodwind"),
    MALLETS("mallets"),
    FX_OTHER("fxOther");

    private final String planName;

    Role(String planName) {
        this.planName = planName;
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
