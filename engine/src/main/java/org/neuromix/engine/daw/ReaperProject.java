package org.neuromix.engine.daw;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.neuromix.engine.plan.MixPlan;

/**
 * A REAPER project file ({@code .rpp}, plain text) for a mix plan whose processed tracks were
 * rendered as items ({@link org.neuromix.engine.render.DawItems}). One track per stem: its item is
 * the stem after gate, EQ, compressor and de-esser (width rendered in), and the track's volume,
 * polarity and pan are the plan's fader, polarity and pan; one track per reverb return, its item
 * the rendered return and its volume the return gain. What REAPER cannot be told in plain text
 * (its plug-ins store their settings as binary blobs) is in the project notes: every move of the
 * plan with its reason, in ReaEQ and ReaComp terms where they map, and the master chain to apply.
 *
 * <p>Pan: a mono track uses the −3 dB sine pan law and a stereo one the 0 dB balance law, as the
 * renderer places them ({@link org.neuromix.engine.dsp.StereoPlacement}); both are written per
 * track, so the project's default does not matter.
 *
 * <p>Format: chunks open with {@code <NAME} and close with {@code >}; a token is quoted only when
 * it holds a space or starts with a quote, with {@code "}, else {@code '}, else {@code `}
 * (a back-tick inside becomes {@code '}); notes are lines prefixed with {@code |}.
 */
public final class ReaperProject {
    /** REAPER's per-track pan law values (linear gain at centre). */
    static final double MONO_PAN_LAW = Math.sqrt(0.5);
    static final double STEREO_PAN_LAW = 1.0;
    /** REAPER's pan mode "stereo balance / mono pan". */
    static final int PAN_MODE_BALANCE = 3;
    /** REAPER's pan-law taper: sine. */
    static final int PAN_LAW_SINE_TAPER = 0;

    private ReaperProject() {
    }

    /** One track of the project: its plan (null for a reverb return), its item file and channels. */
    public record Track(String name, double volumeGain, double pan, boolean mono, boolean polarityInverted, boolean muted,
                        String itemFile, double itemSeconds) {
    }

    /** The whole project text; {@code notes} become the project notes (one line each). */
    public static String write(int sampleRateHz, List<Track> tracks, List<String> notes) {
        StringBuilder text = new StringBuilder();
        text.append("<REAPER_PROJECT 0.1 \"6.0/NeuroMix\" 0\n");
        text.append("  <NOTES 0 2\n");
        for (String note : notes) {
            for (String line : note.split("\\R", -1)) {
                text.append("    |").append(line).append('\n');
            }
        }
        text.append("  >\n");
        text.append("  SAMPLERATE ").append(sampleRateHz).append(" 1 0\n");
        text.append("  PANLAW 1\n");
        text.append("  PANMODE ").append(PAN_MODE_BALANCE).append('\n');
        for (Track track : tracks) {
            String guid = "{" + UUID.nameUUIDFromBytes((track.name() + "\0" + track.itemFile()).getBytes(
                    java.nio.charset.StandardCharsets.UTF_8)).toString().toUpperCase(Locale.ROOT) + "}";
            text.append("  <TRACK ").append(guid).append('\n');
            line(text, 4, "NAME", quote(track.name()));
            line(text, 4, "TRACKID", guid);
            line(text, 4, "VOLPAN", number(track.volumeGain()), number(track.pan()),
                    number(track.mono() ? MONO_PAN_LAW : STEREO_PAN_LAW), "-1", "1");
            line(text, 4, "PANMODE", Integer.toString(PAN_MODE_BALANCE));
            line(text, 4, "PANLAWFLAGS", Integer.toString(PAN_LAW_SINE_TAPER));
            line(text, 4, "MUTESOLO", track.muted() ? "1" : "0", "0", "0");
            line(text, 4, "IPHASE", track.polarityInverted() ? "1" : "0");
            line(text, 4, "NCHAN", "2");
            line(text, 4, "MAINSEND", "1", "0");
            if (track.itemFile() != null) {
                text.append("    <ITEM\n");
                line(text, 6, "POSITION", "0");
                line(text, 6, "LENGTH", number(track.itemSeconds()));
                line(text, 6, "NAME", quote(track.name()));
                line(text, 6, "VOLPAN", "1", "0", "1", "-1");
                line(text, 6, "SOFFS", "0");
                text.append("      <SOURCE WAVE\n");
                line(text, 8, "FILE", quote(track.itemFile()));
                text.append("      >\n");
                text.append("    >\n");
            }
            text.append("  >\n");
        }
        text.append(">\n");
        return text.toString();
    }

    private static void line(StringBuilder text, int indent, String key, String... values) {
        text.append(" ".repeat(indent)).append(key);
        for (String value : values) {
            text.append(' ').append(value);
        }
        text.append('\n');
    }

    /** Enough digits that a gain is exact to far under 0.001 dB. */
    static String number(double value) {
        String text = String.format(Locale.ROOT, "%.10f", value).replaceAll("0+$", "").replaceAll("\\.$", "");
        return text.equals("-0") ? "0" : text;
    }

    /** REAPER's quoting: bare when it can be, else the first quote character the text does not hold. */
    static String quote(String value) {
        String text = value.replace("\r", " ").replace("\n", " ");
        if (text.isEmpty()) {
            return "\"\"";
        }
        boolean needs = text.contains(" ") || text.contains("\t") || text.startsWith("\"") || text.startsWith("'")
                || text.startsWith("`");
        if (!needs) {
            return text;
        }
        if (!text.contains("\"")) {
            return "\"" + text + "\"";
        }
        if (!text.contains("'")) {
            return "'" + text + "'";
        }
        return "`" + text.replace('`', '\'') + "`";
    }

    /** The plan in words for the notes: every move with its reason, ReaEQ/ReaComp settings where they map. */
    public static List<String> planNotes(MixPlan plan) {
        List<String> notes = new ArrayList<>();
        MixPlan.Target target = plan.target();
        notes.add(String.format(Locale.ROOT, "Target: %s LUFS integrated, true peak at most %s dBTP (%s)",
                number(target.loudnessLufs()), number(target.truePeakDbtp()), target.reason()));
        notes.add("Each track's item is its stem after gate, EQ, compressor and de-esser (and its stereo width): those"
                + " are rendered in, so the settings below are for reference. Volume, polarity and pan are the track's own.");
        for (MixPlan.TrackPlan track : plan.tracks()) {
            notes.add("");
            notes.add(track.stem() + " (" + track.role() + ")" + (track.muted() ? ": muted in this revision" : ""));
            notes.add(String.format(Locale.ROOT, "  Fader %+.2f dB%s: %s", track.gain().gainDb(),
                    track.gain().polarityInverted() ? ", polarity inverted" : "", track.gain().reason()));
            notes.add(String.format(Locale.ROOT, "  Pan %.2f, width %.2f: %s", track.pan().position(), track.pan().width(),
                    track.pan().reason()));
            if (track.gate() != null) {
                MixPlan.GateMove g = track.gate();
                notes.add(String.format(Locale.ROOT, "  Gate (ReaGate): threshold %.1f dB, ratio %.1f:1, range %.1f dB,"
                        + " attack %.1f ms, hold %.1f ms, release %.1f ms: %s", g.thresholdDb(), g.ratio(), g.rangeDb(),
                        g.attackMs(), g.holdMs(), g.releaseMs(), g.reason()));
            }
            for (MixPlan.EqBand band : track.eq()) {
                notes.add("  " + eqNote(band));
            }
            if (track.compressor() != null) {
                notes.add("  " + compressorNote(track.compressor()));
            }
            if (track.deEsser() != null) {
                MixPlan.DeEsserMove d = track.deEsser();
                notes.add(String.format(Locale.ROOT, "  De-esser: %.0f Hz, threshold %.1f dB, ratio %.1f:1, range %.1f dB: %s",
                        d.frequencyHz(), d.thresholdDb(), d.ratio(), d.rangeDb(), d.reason()));
            }
            for (MixPlan.Send send : track.sends()) {
                notes.add(String.format(Locale.ROOT, "  Send to %s at %+.1f dB (rendered into its return track): %s", send.bus(),
                        send.levelDb(), send.reason()));
            }
        }
        for (MixPlan.BusPlan bus : plan.buses()) {
            notes.add("");
            MixPlan.ReverbMove r = bus.reverb();
            notes.add(String.format(Locale.ROOT, "Return %s at %+.1f dB: reverb pre-delay %.0f ms, decay %.2f s, damping %.2f,"
                    + " width %.2f (rendered): %s", bus.id(), bus.returnGainDb(), r.preDelayMs(), r.decaySeconds(), r.damping(),
                    r.width(), bus.reason()));
        }
        notes.add("");
        notes.add("Master chain (not applied in this project: add it on REAPER's master to hear NeuroMix's master): "
                + plan.master().reason());
        for (MixPlan.EqBand band : plan.master().eq()) {
            notes.add("  " + eqNote(band));
        }
        if (plan.master().compressor() != null) {
            notes.add("  Glue " + compressorNote(plan.master().compressor()));
        }
        MixPlan.LimiterMove limiter = plan.master().limiter();
        notes.add(String.format(Locale.ROOT, "  Then normalise to %s LUFS and limit to %s dBTP (true peak; release %.0f ms,"
                + " look-ahead %.1f ms): %s", number(target.loudnessLufs()), number(target.truePeakDbtp()), limiter.releaseMs(),
                limiter.lookaheadMs(), limiter.reason()));
        return notes;
    }

    /**
     * ReaEQ's band types and its bandwidth in octaves for a bell ({@code N = 2/ln 2 · asinh(1/(2Q))},
     * the same filter as the plan's Q); shelves and filters keep their Q.
     */
    static String eqNote(MixPlan.EqBand band) {
        String reaEqType = switch (band.type()) {
            case "highPass" -> "High Pass";
            case "lowPass" -> "Low Pass";
            case "lowShelf" -> "Low Shelf";
            case "highShelf" -> "High Shelf";
            case "peaking" -> "Band";
            case "notch" -> "Notch";
            case "bandPass" -> "Band Pass";
            default -> band.type();
        };
        String gain = band.type().equals("peaking") || band.type().endsWith("Shelf")
                ? String.format(Locale.ROOT, ", gain %+.1f dB", band.gainDb()) : "";
        String width = band.type().equals("peaking") || band.type().equals("notch") || band.type().equals("bandPass")
                ? String.format(Locale.ROOT, ", bandwidth %.2f oct (Q %.2f)", 2 / Math.log(2) * asinh(1 / (2 * band.q())), band.q())
                : String.format(Locale.ROOT, ", Q %.2f", band.q());
        String slope = band.type().endsWith("Pass") && band.slopeDbPerOctave() == 24 ? " (24 dB/oct: two ReaEQ bands)" : "";
        return String.format(Locale.ROOT, "EQ (ReaEQ %s): %.0f Hz%s%s%s: %s", reaEqType, band.frequencyHz(), gain, width, slope,
                band.reason());
    }

    static String compressorNote(MixPlan.CompressorMove c) {
        return String.format(Locale.ROOT, "Compressor (ReaComp): threshold %.1f dB, ratio %.1f:1, attack %.1f ms, release %.0f ms,"
                + " knee %.1f dB, make-up %+.1f dB, %s detection%s: %s", c.thresholdDb(), c.ratio(), c.attackMs(), c.releaseMs(),
                c.kneeDb(), c.makeupGainDb(), c.detection(), c.sidechainHighPassHz() > 0
                        ? String.format(Locale.ROOT, ", side-chain high-pass %.0f Hz", c.sidechainHighPassHz()) : "", c.reason());
    }

    private static double asinh(double x) {
        return Math.log(x + Math.sqrt(x * x + 1));
    }
}
