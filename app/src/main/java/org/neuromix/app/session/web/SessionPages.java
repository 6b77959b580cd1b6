package org.neuromix.app.session.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.neuromix.app.account.SignedIn;
import org.neuromix.app.session.MixSession;
import org.neuromix.app.session.Revision;
import org.neuromix.app.session.SessionOptions;
import org.neuromix.app.session.SessionService;
import org.neuromix.app.session.SessionSettings;
import org.neuromix.app.session.Sessions;
import org.neuromix.app.system.InvalidInputException;
import org.neuromix.app.system.NotFoundException;
import org.neuromix.engine.analysis.Role;
import org.neuromix.engine.plan.DeliveryTarget;
import org.neuromix.engine.plan.MixPlan;
import org.neuromix.engine.plan.MixPlanException;
import org.neuromix.engine.plan.MixPlanJson;
import org.neuromix.engine.planner.PlannerOptions;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The dashboard and session pages of the browser UI; every route checks ownership (404 otherwise). */
@Controller
class SessionPages {
    static final int PAGE_SIZE = 25;
    private static final SessionWords WORDS = new SessionWords();

    private final SessionService service;
    private final Sessions sessions;
    private final Downloads downloads;
    private final SessionSettings limits;
    private final JsonMapper json;
    private final org.neuromix.app.privacy.SupportGrants grants;

    SessionPages(SessionService service, Sessions sessions, Downloads downloads, SessionSettings limits, JsonMapper json,
                 org.neuromix.app.privacy.SupportGrants grants) {
        this.grants = grants;
        this.service = service;
        this.sessions = sessions;
        this.downloads = downloads;
        this.limits = limits;
        this.json = json;
    }

    @GetMapping("/dashboard")
    String dashboard(@AuthenticationPrincipal SignedIn me, @RequestParam(defaultValue = "0") int page,
                     @RequestParam(required = false) String q, Model model) {
        String search = q == null || q.isBlank() ? null : q.strip();
        if (search != null && search.length() > 200) {
            throw new InvalidInputException("q", "search at most 200 characters");
        }
        int total = sessions.count(me.accountId(), search);
        int pages = Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
        int shown = Math.min(Math.max(page, 0), pages - 1); // out-of-range pages show the nearest one
        List<MixSession> list = sessions.page(me.accountId(), search, shown * PAGE_SIZE, PAGE_SIZE);
        model.addAttribute("sessions", list);
        java.time.Instant now = service.now();
        model.addAttribute("countdowns", list.stream().filter(s -> s.outputExpiresAt() != null)
                .collect(java.util.stream.Collectors.toMap(MixSession::id, s -> Countdown.until(s.outputExpiresAt(), now))));
        model.addAttribute("page", shown);
        model.addAttribute("pages", pages);
        model.addAttribute("q", search);
        return "dashboard";
    }

    @GetMapping("/sessions/new")
    String newSession(Model model) {
        choices(model, SessionOptions.defaults());
        return "new-session";
    }

    @PostMapping("/sessions")
    String create(@AuthenticationPrincipal SignedIn me, @RequestParam(required = false) String name,
                  @RequestParam Map<String, String> form) {
        MixSession session = service.create(me.accountId(), name, options(form, Map.of()));
        return "redirect:/sessions/" + session.id();
    }

    @GetMapping("/sessions/{id}")
    String session(@AuthenticationPrincipal SignedIn me, @PathVariable String id,
                   @RequestParam(required = false) Integer revision, Model model) throws MixPlanException {
        return sessionPage(me, id, revision, model, Map.of());
    }

    /** The session page; {@code sent} is a refused revision form, shown again as it was sent. */
    private String sessionPage(SignedIn me, String id, Integer revision, Model model, Map<String, String> sent)
            throws MixPlanException {
        MixSession session = service.owned(id, me.accountId());
        if (revision != null) {
            SessionApi.checkedRevision(revision);
        }
        model.addAttribute("mixSession", session);
        model.addAttribute("files", sessions.files(id));
        model.addAttribute("limits", limits);
        model.addAttribute("supportUntil", grants.activeUntil(id).orElse(null));
        model.addAttribute("countdown", Countdown.until(session.outputExpiresAt(), service.now()));
        model.addAttribute("sourceRate", service.sourceRateHz(session));
        try {
            model.addAttribute("separated", session.completedAt() != null && downloads.hasSeparated(session));
        } catch (IOException storeUnreachable) {
            model.addAttribute("separated", false);
        }
        List<Revision> revisions = sessions.revisions(id);
        model.addAttribute("revisions", revisions);
        SessionOptions options = service.options(session);
        choices(model, options);
        model.addAttribute("roles", java.util.Arrays.stream(Role.values()).map(Role::planName).toList());
        Revision shown = revisions.stream().filter(r -> r.completed())
                .filter(r -> revision == null || r.number() == revision).findFirst().orElse(null);
        if (shown != null) {
            model.addAttribute("shown", shown.number());
            MixPlan plan = MixPlanJson.read(shown.planJson());
            model.addAttribute("plan", plan);
            // The revision form edits the current revision's plan (what a new revision starts from).
            Revision current = revisions.stream().filter(r -> r.number() == session.currentRevision() && r.planJson() != null)
                    .findFirst().orElse(shown);
            MixPlan editable = current == shown ? plan : MixPlanJson.read(current.planJson());
            model.addAttribute("editable", editable);
            Revision first = revisions.get(revisions.size() - 1);
            MixPlan ai = first.planJson() == null ? editable : MixPlanJson.read(first.planJson());
            model.addAttribute("rows", PlanEdits.rows(editable, sent, ai));
            // For the live preview's EQ: each track's bands at the first render (in its kept source) and now.
            List<String> eqData = new ArrayList<>();
            for (int i = 0; i < editable.tracks().size(); i++) {
                eqData.add(json.writeValueAsString(Map.of("base", eqBands(i < ai.tracks().size() ? ai.tracks().get(i).eq() : List.of()),
                        "current", eqBands(editable.tracks().get(i).eq()))));
            }
            model.addAttribute("eqData", eqData);
            model.addAttribute("reverbReturn", PlanEdits.reverbReturn(editable, sent));
            model.addAttribute("masterRow", PlanEdits.master(editable, sent, ai));
            model.addAttribute("previewTargetLufs", WORDS.decimal(editable.target().loudnessLufs(), 1));
            model.addAttribute("previewReverbSeconds", editable.buses().isEmpty() ? null
                    : WORDS.decimal(editable.buses().get(0).reverb().decaySeconds(), 2));
            model.addAttribute("sentTarget", sent.get("target"));
            model.addAttribute("sentNote", sent.get("note"));
            Map<String, Object> report = report(shown.reportJson());
            model.addAttribute("report", report);
            // For the player's equal-loudness A/B (attributes the template may not compute: Thymeleaf restricts them).
            Object loudness = report.get("loudness");
            model.addAttribute("abMixLufs", loudness instanceof Map<?, ?> l && l.get("integratedLufs") instanceof Number n
                    ? WORDS.decimal(n, 2) : null);
            model.addAttribute("abSumLufs", report.get("unprocessedSumLufs") instanceof Number n ? WORDS.decimal(n, 2) : null);
            // What the player can compare the shown revision with: the unprocessed sum, or any other completed revision.
            List<Map<String, String>> comparisons = new ArrayList<>();
            comparisons.add(Map.of("label", "the unprocessed sum", "url", "/sessions/" + id + "/sum.wav",
                    "lufs", report.get("unprocessedSumLufs") instanceof Number n ? WORDS.decimal(n, 2) : "", "report", ""));
            for (Revision other : revisions) {
                if (other.completed() && other.number() != shown.number() && other.reportJson() != null) {
                    Object otherLoudness = report(other.reportJson()).get("loudness");
                    comparisons.add(Map.of("label", "revision " + other.number(), "url", "/sessions/" + id + "/mix.wav?revision="
                            + other.number() + "&inline=true", "lufs", otherLoudness instanceof Map<?, ?> l
                            && l.get("integratedLufs") instanceof Number n ? WORDS.decimal(n, 2) : "",
                            "report", "/sessions/" + id + "/report.json?revision=" + other.number()));
                }
            }
            model.addAttribute("comparisons", comparisons);
            // Data for the charts, inside a non-executed JSON script block: "</" must not end it.
            model.addAttribute("reportJson", shown.reportJson().replace("<", "\\u003c").replace(">", "\\u003e")
                    .replace("&", "\\u0026"));
            if (first.stemsJson() != null) {
                Map<String, Object> stems = json.readValue(first.stemsJson(), new TypeReference<Map<String, Object>>() { });
                model.addAttribute("stems", stems.get("stems"));
            }
        }
        return "session";
    }

    private static List<Map<String, Object>> eqBands(List<MixPlan.EqBand> bands) {
        return bands.stream().map(b -> Map.<String, Object>of("type", b.type(), "hz", b.frequencyHz(), "q", b.q(), "gainDb", b.gainDb(),
                "slope", b.slopeDbPerOctave())).toList();
    }

    /** JSON for the progress poller. */
    @GetMapping(value = "/sessions/{id}/status", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    Map<String, Object> status(@AuthenticationPrincipal SignedIn me, @PathVariable String id) {
        return SessionApi.status(service.owned(id, me.accountId()));
    }

    /** One file per request (the page's uploader sends each with its own progress bar); JSON answer. */
    @PostMapping(value = "/sessions/{id}/files", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    ResponseEntity<Map<String, Object>> upload(@AuthenticationPrincipal SignedIn me, @PathVariable String id,
                                               @RequestParam(value = "file", required = false) MultipartFile file,
                                               @RequestParam(defaultValue = "stem") String kind) throws IOException {
        MixSession session = service.owned(id, me.accountId());
        if (file == null) {
            throw new InvalidInputException("file", "send the audio as multipart/form-data in the field 'file'");
        }
        // A refusal is answered by PageErrors: problem JSON, as the page's uploader asks for JSON.
        try (InputStream in = file.getInputStream()) {
            return ResponseEntity.status(201).body(SessionApi.file(service.upload(session, kind, file.getOriginalFilename(),
                    file.getSize(), in)));
        }
    }

    @PostMapping("/sessions/{id}/files/{fileId}/delete")
    String removeFile(@AuthenticationPrincipal SignedIn me, @PathVariable String id, @PathVariable String fileId)
            throws IOException {
        service.removeFile(service.owned(id, me.accountId()), fileId);
        return "redirect:/sessions/" + id;
    }

    @PostMapping("/sessions/{id}/options")
    String saveOptions(@AuthenticationPrincipal SignedIn me, @PathVariable String id, @RequestParam Map<String, String> form,
                       RedirectAttributes flash) {
        saveChoices(service.owned(id, me.accountId()), form);
        flash.addFlashAttribute("notice", "Choices saved.");
        return "redirect:/sessions/" + id;
    }

    private void saveChoices(MixSession session, Map<String, String> form) {
        String id = session.id();
        Map<String, SessionOptions.StemChoice> stems = new LinkedHashMap<>();
        sessions.files(id).forEach(f -> {
            String role = form.get("role:" + f.stemName());
            String presence = form.get("presence:" + f.stemName());
            if ((role != null && !role.equals("auto")) || (presence != null && !presence.equals("normal"))) {
                stems.put(f.stemName(), new SessionOptions.StemChoice(role, presence));
            }
        });
        service.updateOptions(session, options(form, stems));
    }

    /** Starts the mix; the page's button sends the choices form with it, and they are saved first. */
    @PostMapping("/sessions/{id}/start")
    String start(@AuthenticationPrincipal SignedIn me, @PathVariable String id, @RequestParam Map<String, String> form) {
        MixSession session = service.owned(id, me.accountId());
        if (form.containsKey("target")) {
            saveChoices(session, form);
        }
        service.start(session);
        return "redirect:/sessions/" + id;
    }

    /**
     * A new revision from the form. A refused value shows the session page again with the reason
     * above the form and every value as it was sent, so no edit is lost.
     */
    @PostMapping("/sessions/{id}/revisions")
    String revise(@AuthenticationPrincipal SignedIn me, @PathVariable String id, @RequestParam Map<String, String> form,
                  RedirectAttributes flash, Model model, jakarta.servlet.http.HttpServletResponse response) throws MixPlanException {
        MixSession session = service.owned(id, me.accountId());
        Revision current = sessions.revision(id, session.currentRevision()).filter(r -> r.planJson() != null)
                .orElseThrow(() -> new NotFoundException("plan"));
        int number;
        try {
            String plan = MixPlanJson.write(PlanEdits.apply(MixPlanJson.read(current.planJson()), form));
            number = service.revise(session, plan, form.get("note"));
        } catch (InvalidInputException refused) {
            response.setStatus(refused.status());
            model.addAttribute("revisionError", "Not rendered: " + refused.getMessage() + ". Your other changes are kept below.");
            model.addAttribute("revisionField", refused.field());
            return sessionPage(me, id, null, model, form);
        }
        flash.addFlashAttribute("notice", "Revision " + number + " is rendering.");
        return "redirect:/sessions/" + id;
    }

    /**
     * One click: the AI's mix without its vocal tracks (instrumental, for karaoke) or with only them
     * (a cappella), as a new revision.
     */
    @PostMapping("/sessions/{id}/versions/{kind}")
    String version(@AuthenticationPrincipal SignedIn me, @PathVariable String id, @PathVariable String kind,
                   RedirectAttributes flash) throws MixPlanException {
        MixSession session = service.owned(id, me.accountId());
        boolean instrumental = switch (kind) {
            case "instrumental" -> true;
            case "acapella" -> false;
            default -> throw new InvalidInputException("kind", "kind must be instrumental or acapella");
        };
        Revision first = sessions.revision(id, 1).filter(r -> r.planJson() != null).orElseThrow(() -> new NotFoundException("plan"));
        MixPlan plan = MixPlanJson.read(first.planJson());
        List<MixPlan.TrackPlan> tracks = new ArrayList<>();
        boolean anyVocal = false;
        for (MixPlan.TrackPlan t : plan.tracks()) {
            boolean vocal = t.role().equals("leadVocal") || t.role().equals("backingVocal");
            anyVocal |= vocal;
            tracks.add(new MixPlan.TrackPlan(t.id(), t.stem(), t.role(), t.muted() || vocal == instrumental, t.gain(), t.pan(),
                    t.eq(), t.gate(), t.compressor(), t.deEsser(), t.sends()));
        }
        if (!anyVocal) {
            throw new InvalidInputException("kind", "this session has no vocal track (set a stem's role to leadVocal or"
                    + " backingVocal to use this)");
        }
        String note = instrumental ? "instrumental: the AI's mix without vocals" : "a cappella: the vocals only";
        int number = service.revise(session, MixPlanJson.write(new MixPlan(plan.version(), plan.target(), tracks, plan.buses(),
                plan.master())), note);
        flash.addFlashAttribute("notice", "Revision " + number + " (" + note + ") is rendering.");
        return "redirect:/sessions/" + id;
    }

    /**
     * Deleting takes two steps: the page's button asks (what will be lost, with a way back), and
     * only the confirmation deletes, at once and for good.
     */
    @PostMapping("/sessions/{id}/delete")
    String delete(@AuthenticationPrincipal SignedIn me, @PathVariable String id,
                  @RequestParam(required = false) String confirm, RedirectAttributes flash, Model model) {
        MixSession session = service.owned(id, me.accountId());
        if (!"yes".equals(confirm)) {
            model.addAttribute("mixSession", session);
            model.addAttribute("fileCount", sessions.files(id).size());
            model.addAttribute("revisionCount", sessions.revisions(id).stream().filter(Revision::completed).count());
            return "confirm-delete";
        }
        service.delete(session);
        flash.addFlashAttribute("notice", "Session deleted.");
        return "redirect:/dashboard";
    }

    @GetMapping({"/sessions/{id}/mix.wav", "/sessions/{id}/mix"})
    ResponseEntity<Resource> mix(@AuthenticationPrincipal SignedIn me, @PathVariable String id,
                                 @RequestParam(required = false) Integer revision, @RequestParam(defaultValue = "24") String format,
                                 @RequestParam(required = false) String rate,
                                 @RequestParam(defaultValue = "false") boolean inline) throws IOException {
        MixSession session = service.owned(id, me.accountId());
        return downloads.mix(session, completed(session, revision).number(), format, rate, service.sourceRateHz(session), !inline);
    }

    @GetMapping("/sessions/{id}/sum.wav")
    ResponseEntity<Resource> sum(@AuthenticationPrincipal SignedIn me, @PathVariable String id) throws IOException {
        return downloads.sum(service.owned(id, me.accountId()));
    }

    /** A track's kept source for the live preview (see {@link Downloads#preview}). */
    @GetMapping("/sessions/{id}/preview/{track}.opus")
    ResponseEntity<Resource> preview(@AuthenticationPrincipal SignedIn me, @PathVariable String id, @PathVariable int track,
                                     @RequestParam(defaultValue = "0") int from) throws IOException {
        return downloads.preview(service.owned(id, me.accountId()), track, from);
    }

    @GetMapping("/sessions/{id}/separated.zip")
    ResponseEntity<StreamingResponseBody> separated(@AuthenticationPrincipal SignedIn me, @PathVariable String id) throws IOException {
        return downloads.separated(service.owned(id, me.accountId()));
    }

    /** The revision as a REAPER session (see {@link Downloads#reaper}). */
    @GetMapping("/sessions/{id}/reaper.zip")
    ResponseEntity<Resource> reaper(@AuthenticationPrincipal SignedIn me, @PathVariable String id,
                                    @RequestParam(required = false) Integer revision) throws IOException {
        MixSession session = service.owned(id, me.accountId());
        return downloads.reaper(session, completed(session, revision));
    }

    @GetMapping("/sessions/{id}/stems.zip")
    ResponseEntity<StreamingResponseBody> stems(@AuthenticationPrincipal SignedIn me, @PathVariable String id,
                                                @RequestParam(required = false) Integer revision) throws IOException {
        MixSession session = service.owned(id, me.accountId());
        return downloads.stems(session, completed(session, revision).number());
    }

    @GetMapping("/sessions/{id}/plan.json")
    ResponseEntity<String> plan(@AuthenticationPrincipal SignedIn me, @PathVariable String id,
                                @RequestParam(required = false) Integer revision) {
        Revision r = completed(service.owned(id, me.accountId()), revision);
        return attachment(r.planJson(), "plan-r" + r.number() + ".json");
    }

    @GetMapping("/sessions/{id}/report.json")
    ResponseEntity<String> reportJson(@AuthenticationPrincipal SignedIn me, @PathVariable String id,
                                      @RequestParam(required = false) Integer revision) {
        Revision r = completed(service.owned(id, me.accountId()), revision);
        return attachment(r.reportJson(), "report-r" + r.number() + ".json");
    }

    @GetMapping("/sessions/{id}/report")
    String printable(@AuthenticationPrincipal SignedIn me, @PathVariable String id,
                     @RequestParam(required = false) Integer revision, Model model) throws MixPlanException {
        MixSession session = service.owned(id, me.accountId());
        Revision r = completed(session, revision);
        model.addAttribute("mixSession", session);
        model.addAttribute("revision", r);
        model.addAttribute("plan", MixPlanJson.read(r.planJson()));
        model.addAttribute("report", report(r.reportJson()));
        return "report";
    }

    /** A stored report for the templates; keys added since older reports were written are there, as null. */
    private Map<String, Object> report(String reportJson) {
        Map<String, Object> report = json.readValue(reportJson, new TypeReference<Map<String, Object>>() { });
        report.putIfAbsent("unprocessedSumLufs", null);
        report.putIfAbsent("unprocessedSpectrumDb", null);
        return report;
    }

    private Revision completed(MixSession session, Integer revision) {
        if (revision != null) {
            SessionApi.checkedRevision(revision);
        }
        List<Revision> done = new ArrayList<>(sessions.revisions(session.id()).stream()
                .filter(r -> r.completed()).toList());
        return done.stream().filter(r -> revision == null || r.number() == revision).findFirst()
                .orElseThrow(() -> new NotFoundException("revision"));
    }

    private static ResponseEntity<String> attachment(String body, String name) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"").body(body);
    }

    private static SessionOptions options(Map<String, String> form, Map<String, SessionOptions.StemChoice> stems) {
        String custom = form.get("customTarget");
        String target = custom != null && !custom.isBlank() ? custom.trim() : form.get("target");
        double intensity;
        try {
            String text = form.get("intensity");
            intensity = text == null || text.isBlank() ? 50 : Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("intensity", "intensity must be a number from 0 to 100");
        }
        return new SessionOptions(target, form.get("style"), form.get("reverb"), intensity, form.get("pan"), stems);
    }

    private static void choices(Model model, SessionOptions options) {
        model.addAttribute("options", options);
        Map<String, String> targets = new LinkedHashMap<>();
        for (DeliveryTarget.Platform p : DeliveryTarget.Platform.values()) {
            targets.put(p.key(), p.displayName() + " (" + p.loudnessLufs() + " LUFS, " + p.truePeakDbtp() + " dBTP)");
        }
        model.addAttribute("targets", targets);
        model.addAttribute("styles", PlannerOptions.STYLES);
    }
}
