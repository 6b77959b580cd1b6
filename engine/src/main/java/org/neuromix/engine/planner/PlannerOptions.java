package org.neuromix.engine.planner;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.neuromix.engine.analysis.Role;
import org.neuromix.engine.plan.DeliveryTarget;

/**
 * What the user asks of the planner. Every choice shows up in the plan and its reasons.
 *
 * @param target      loudness and ceiling
 * @param style       auto (the trained balance model decides), or pop, rock, hiphop, electronic, acoustic,
 *                    orchestral: that genre's balance conventions
 * @param roles       role overrides by stem file name
 * @param presence    per stem: lead (+3 LU), normal, background (−4 LU)
 * @param reverb      how much shared reverb
 * @param intensity   0 to 100 %: how much processing (50 = the conventions as written; 0 = balance only)
 * @param pan         pan preference: narrow (positions halved), natural, wide (positions ×1.5, stereo stems wider)
 */
public record PlannerOptions(DeliveryTarget target, String style, Map<String, Role> roles, Map<String, Presence> presence,
                             Reverb reverb, double intensity, PanSpread pan) {
    // The defaults of the service's session options and of the command line: one place, so that the same
    // stems mix alike either way (SessionOptions and MixCommand read these).
    public static final String DEFAULT_TARGET = "spotify";
    public static final String DEFAULT_STYLE = "auto";
    public static final String DEFAULT_REVERB = "medium";
    public static final int DEFAULT_INTENSITY_PERCENT = 50;
    public static final String DEFAULT_PAN = "natural";

    /** {@code auto}: the balance model infers the context; the others apply that genre's conventions. */
    public static final List<String> STYLES = List.of("auto", "pop", "rock", "hiphop", "electronic", "acoustic", "orchestral");

    public enum Presence {
        LEAD(3), NORMAL(0), BACKGROUND(-4);

        private final double offsetLu;

        Presence(double offsetLu) {
            this.offsetLu = offsetLu;
        }

        public double offsetLu() {
            return offsetLu;
        }

        public static Presence parse(String text) {
            for (Presence presence : values()) {
                if (presence.name().equalsIgnoreCase(text.trim())) {
                    return presence;
                }
            }
            throw new IllegalArgumentException("presence must be lead, normal or background, was '" + text + "'");
        }
    }

    public enum Reverb {
        NONE(0, 0), LOW(1.0, -6), MEDIUM(1.6, 0), HIGH(2.4, 4);

        private final double decaySeconds;
        private final double sendOffsetDb;

        Reverb(double decaySeconds, double sendOffsetDb) {
            this.decaySeconds = decaySeconds;
            this.sendOffsetDb = sendOffsetDb;
        }

        public double decaySeconds() {
            return decaySeconds;
        }

        public double sendOffsetDb() {
            return sendOffsetDb;
        }

        public static Reverb parse(String text) {
            for (Reverb reverb : values()) {
                if (reverb.name().equalsIgnoreCase(text.trim())) {
                    return reverb;
                }
            }
            throw new IllegalArgumentException("reverb must be none, low, medium or high, was '" + text + "'");
        }
    }

    /** How far the planner spreads the stereo image. */
    public enum PanSpread {
        NARROW(0.5, 0.8), NATURAL(1.0, 1.0), WIDE(1.5, 1.3);

        private final double positionScale;
        private final double width;

        PanSpread(double positionScale, double width) {
            this.positionScale = positionScale;
            this.width = width;
        }

        public double positionScale() {
            return positionScale;
        }

        public double width() {
            return width;
        }

        public static PanSpread parse(String text) {
            for (PanSpread spread : values()) {
                if (spread.name().equalsIgnoreCase(text.trim())) {
                    return spread;
                }
            }
            throw new IllegalArgumentException("pan must be narrow, natural or wide, was '" + text + "'");
        }
    }

    /** The options without a pan preference (natural). */
    public PlannerOptions(DeliveryTarget target, String style, Map<String, Role> roles, Map<String, Presence> presence,
                          Reverb reverb, double intensity) {
        this(target, style, roles, presence, reverb, intensity, PanSpread.NATURAL);
    }

    public PlannerOptions {
        style = style.toLowerCase(Locale.ROOT);
        if (!STYLES.contains(style)) {
            throw new IllegalArgumentException("style must be one of " + String.join(", ", STYLES) + ", was '" + style + "'");
        }
        if (!(intensity >= 0 && intensity <= 100)) {
            throw new IllegalArgumentException("intensity must be in [0, 100] %, was " + intensity);
        }
        if (pan == null) {
            throw new IllegalArgumentException("pan must be narrow, natural or wide");
        }
        roles = Map.copyOf(roles);
        presence = Map.copyOf(presence);
    }

    /** The default style, reverb, intensity and pan (auto, medium, 50 %, natural), no overrides. */
    public static PlannerOptions defaults(DeliveryTarget target) {
        return new PlannerOptions(target, DEFAULT_STYLE, Map.of(), Map.of(), Reverb.parse(DEFAULT_REVERB),
                DEFAULT_INTENSITY_PERCENT, PanSpread.parse(DEFAULT_PAN));
    }

    /** Balance shift of a role in a style, LU (conventions of each genre; pop is the reference). */
    public static double styleOffsetLu(String style, Role role) {
        return switch (style) {
            case "rock" -> switch (role) {
                case ELECTRIC_GUITAR -> 3; case SNARE -> 1; case SYNTH_PAD, STRINGS -> -2; default -> 0; };
            case "hiphop" -> switch (role) {
                case KICK, BASS -> 2; case SNARE -> 1; case ELECTRIC_GUITAR, ACOUSTIC_GUITAR -> -2; default -> 0; };
            case "electronic" -> switch (role) {
                case KICK -> 2; case SYNTH_LEAD, SYNTH_PAD -> 1; case ACOUSTIC_GUITAR -> -2; default -> 0; };
            case "acoustic" -> switch (role) {
                case ACOUSTIC_GUITAR, PIANO_KEYS -> 3; case KICK, SNARE, HI_HAT_CYMBALS, DRUMS_OVERHEADS -> -3; default -> 0; };
            case "orchestral" -> switch (role) {
                case STRINGS -> 7; case BRASS, WOODWIND -> 2; case KICK, SNARE, HI_HAT_CYMBALS -> -4; default -> 0; };
            default -> 0;
        };
    }

    /** Reverb send of a role before the amount's offset, dB; NaN for none. */
    static double reverbSendDb(Role role) {
        return switch (role) {
            case LEAD_VOCAL, BACKING_VOCAL, SYNTH_LEAD, WOODWIND, BRASS -> -14;
            case SNARE, TOMS -> -18;
            case STRINGS, SYNTH_PAD, ORGAN -> -12;
            case PIANO_KEYS, ELECTRIC_GUITAR, ACOUSTIC_GUITAR, MALLETS, PERCUSSION -> -18;
            default -> Double.NaN; // kick, bass, cymbals, overheads, fx stay dry
        };
    }
}
