package org.neuromix.app.session;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.neuromix.app.system.InvalidInputException;
import org.neuromix.engine.analysis.Role;
import org.neuromix.engine.plan.DeliveryTarget;
import org.neuromix.engine.planner.PlannerOptions;

/**
 * What the user chose for a session. Every value is checked when it arrives; an unknown value
 * is refused with the field's name.
 *
 * @param target    spotify, apple, youtube, amazon, tidal, ebu, atsc, or LUFS[/dBTP] such as -12/-1
 * @param style     auto, pop, rock, hiphop, electronic, acoustic, orchestral
 * @param reverb    none, low, medium, high
 * @param intensity 0 to 100 %
 * @param pan       narrow, natural, wide
 * @param stems     per stem name: role and presence (lead, normal, background)
 */
public record SessionOptions(String target, String style, String reverb, double intensity, String pan,
                             Map<String, StemChoice> stems) {

    /** A stem's overrides; null fields leave the AI's choice. */
    public record StemChoice(String role, String presence) {
    }

    /** The planner's shared defaults, which the command line uses too. */
    public static SessionOptions defaults() {
        return new SessionOptions(PlannerOptions.DEFAULT_TARGET, PlannerOptions.DEFAULT_STYLE, PlannerOptions.DEFAULT_REVERB,
                PlannerOptions.DEFAULT_INTENSITY_PERCENT, PlannerOptions.DEFAULT_PAN, Map.of());
    }

    public SessionOptions {
        target = text(target, PlannerOptions.DEFAULT_TARGET).toLowerCase(Locale.ROOT);
        style = text(style, PlannerOptions.DEFAULT_STYLE).toLowerCase(Locale.ROOT);
        reverb = text(reverb, PlannerOptions.DEFAULT_REVERB).toLowerCase(Locale.ROOT);
        pan = text(pan, PlannerOptions.DEFAULT_PAN).toLowerCase(Locale.ROOT);
        stems = stems == null ? Map.of() : Map.copyOf(stems);
        try {
            DeliveryTarget.parse(target);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("target", e.getMessage());
        }
        if (!PlannerOptions.STYLES.contains(style)) {
            throw new InvalidInputException("style", "style must be one of " + PlannerOptions.STYLES + ", was '" + style + "'");
        }
        try {
            PlannerOptions.Reverb.parse(reverb);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("reverb", e.getMessage());
        }
        try {
            PlannerOptions.PanSpread.parse(pan);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("pan", e.getMessage());
        }
        if (!(intensity >= 0 && intensity <= 100)) {
            throw new InvalidInputException("intensity", "intensity must be between 0 and 100 %");
        }
        if (stems.size() > 256) {
            throw new InvalidInputException("stems", "at most 256 stems can have choices");
        }
        for (Map.Entry<String, StemChoice> entry : stems.entrySet()) {
            if (entry.getKey().length() > 255) {
                throw new InvalidInputException("stems", "a stem name has at most 255 characters");
            }
            StemChoice choice = entry.getValue();
            String field = "stems[" + entry.getKey() + "]";
            if (choice == null) {
                throw new InvalidInputException(field, "give role and/or presence");
            }
            if (choice.role() != null && !choice.role().isBlank() && !choice.role().equals("auto")
                    && Role.fromPlanName(choice.role()) == null) {
                throw new InvalidInputException(field + ".role", "unknown role '" + choice.role() + "'");
            }
            if (choice.presence() != null && !choice.presence().isBlank()) {
                try {
                    PlannerOptions.Presence.parse(choice.presence());
                } catch (IllegalArgumentException e) {
                    throw new InvalidInputException(field + ".presence", e.getMessage());
                }
            }
        }
    }

    private static String text(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    public SessionOptions withStem(String stemName, StemChoice choice) {
        Map<String, StemChoice> copy = new LinkedHashMap<>(stems);
        copy.put(stemName, choice);
        return new SessionOptions(target, style, reverb, intensity, pan, copy);
    }

    /** The planner's options for these choices. */
    public PlannerOptions plannerOptions() {
        Map<String, Role> roles = new HashMap<>();
        Map<String, PlannerOptions.Presence> presence = new HashMap<>();
        stems.forEach((stem, choice) -> {
            if (choice.role() != null && !choice.role().isBlank() && !choice.role().equals("auto")) {
                roles.put(stem, Role.fromPlanName(choice.role()));
            }
            if (choice.presence() != null && !choice.presence().isBlank()) {
                presence.put(stem, PlannerOptions.Presence.parse(choice.presence()));
            }
        });
        return new PlannerOptions(DeliveryTarget.parse(target), style, roles, presence, PlannerOptions.Reverb.parse(reverb),
                intensity, PlannerOptions.PanSpread.parse(pan));
    }
}
