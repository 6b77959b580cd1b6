package org.neuromix.app.session.web;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

import org.neuromix.engine.analysis.Role;
import org.springframework.stereotype.Component;

/**
 * How the session pages say things: numbers rounded once and the same way everywhere (the
 * revision form compares what it showed with what comes back, so an untouched value never
 * drifts), roles and EQ types in a musician's words, dates as people write them. Templates call
 * it as {@code @words}.
 */
@Component("words")
public class SessionWords {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    /** {@code value} rounded half up to {@code places} decimals ("18.25" → "18.3" at one place); "–" for none. */
    public String decimal(Number value, int places) {
        if (value == null || !Double.isFinite(value.doubleValue())) {
            return "–";
        }
        String text = BigDecimal.valueOf(value.doubleValue()).setScale(places, RoundingMode.HALF_UP).toPlainString();
        return text.matches("-0(\\.0*)?") ? text.substring(1) : text; // no "-0.0"
    }

    /** Like {@link #decimal} with a sign on positive values ("+1.5", "-2.0", "0.0"). */
    public String signed(Number value, int places) {
        String text = decimal(value, places);
        return text.startsWith("-") || text.equals("–") || text.matches("0(\\.0*)?") ? text : "+" + text;
    }

    /** A plan's role name in plain words ("hiHatCymbals" → "hi-hat and cymbals"); unknown names as given. */
    public String role(String planName) {
        Role role = Role.fromPlanName(planName);
        return role == null ? planName : role.words();
    }

    /** An EQ band's type in plain words. */
    public String eqType(String type) {
        return switch (type == null ? "" : type) {
            case "highPass" -> "High-pass";
            case "lowPass" -> "Low-pass";
            case "lowShelf" -> "Low shelf";
            case "highShelf" -> "High shelf";
            case "peaking" -> "Bell";
            case "notch" -> "Notch";
            case "bandPass" -> "Band-pass";
            default -> type;
        };
    }

    /** "1 Dec 2026, 18:05 UTC"; "–" for none. Accepts an Instant or its ISO text (from a report's JSON). */
    public String date(Object when) {
        if (when == null) {
            return "–";
        }
        Instant instant = when instanceof Instant i ? i : Instant.parse(when.toString());
        return DATE.format(instant);
    }

    /**
     * What a platform's normalisation does with the mix, from a report's platform entry: turned
     * down (by how much), or left quieter than the platform's reference, which is worth a warning:
     * it will play quieter there than songs mastered to the reference.
     */
    public String platformEffect(Map<String, Object> platform) {
        Object delta = platform.get("deltaLu");
        if (!(delta instanceof Number number) || !Double.isFinite(number.doubleValue())) {
            return "nothing to measure (the mix is silent)";
        }
        double deltaLu = number.doubleValue();
        if (deltaLu > 0.05) {
            return "turned down by " + decimal(deltaLu, 1) + " dB";
        }
        if (deltaLu < -QUIETER_WARNING_LU) {
            return decimal(-deltaLu, 1) + " dB under its reference: it will play quieter there than other songs";
        }
        return "at its reference: played as it is";
    }

    /** True when {@link #platformEffect} warns. */
    public boolean platformWarns(Map<String, Object> platform) {
        return platform.get("deltaLu") instanceof Number number && number.doubleValue() < -QUIETER_WARNING_LU;
    }

    /**
     * The A/B sentence: which side the player turns down, and by how much, so that the mix and the
     * unprocessed sum are heard at the same integrated loudness (the louder side is turned down; a
     * browser cannot turn audio up without clipping). The page's script applies the same offset.
     */
    public String abOffset(Number mixLufs, Number sumLufs) {
        if (mixLufs == null || sumLufs == null || !Double.isFinite(mixLufs.doubleValue()) || !Double.isFinite(sumLufs.doubleValue())) {
            return "A/B: one side is silent, so the two are played as they are.";
        }
        double offset = mixLufs.doubleValue() - sumLufs.doubleValue();
        String levels = " (mix " + decimal(mixLufs, 1) + " LUFS, unprocessed " + decimal(sumLufs, 1) + " LUFS).";
        if (Math.abs(offset) < 0.05) {
            return "A/B at equal loudness: both sides are played as they are" + levels;
        }
        return "A/B at equal loudness: the " + (offset > 0 ? "mix" : "unprocessed sum") + " is played "
                + decimal(Math.abs(offset), 1) + " dB quieter" + levels;
    }

    /** Under the reference by more than this, the page warns (a 1 LU difference is not heard as quieter). */
    private static final double QUIETER_WARNING_LU = 1.0;
}
