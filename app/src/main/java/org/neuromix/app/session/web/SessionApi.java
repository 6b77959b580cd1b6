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
import org.neuromix.app.session.SessionFile;
import org.neuromix.app.session.SessionOptions;
import org.neuromix.app.session.SessionService;
import org.neuromix.app.session.Sessions;
import org.neuromix.app.system.ApiController;
import org.neuromix.app.system.InvalidInputException;
import org.neuromix.app.system.NotFoundException;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/** Sessions over the API; every route checks that the session is the caller's (404 otherwise). */
@ApiController
@RequestMapping("/api/v1/sessions")
class SessionApi {
    /** The options of a new session, plus its name. */
    record CreateRequest(String name, String target, String style, String reverb, Double intensity, String pan,
                         Map<String, SessionOptions.StemChoice> stems) {
    }

    private final SessionService service;
    private final Sessions sessions;
    private final Downloads downloads;

    SessionApi(SessionService service, Sessions sessions, Downloads downloads) {
        this.service = service;
        this.sessions = sessions;
        this.downloads = downloads;
    }

    @GetMapping
    Map<String, Object> list(@AuthenticationPrincipal SignedIn me, @RequestParam(defaultValue = "0") int page,
                             @RequestParam(defaultValue = "20") int size, @RequestParam(required = false) String q) {
        if (page < 0 || page > 1_000_000 || size < 1 || size > 100) {
            throw new InvalidInputException(page < 0 || page > 1_000_000 ? "page" : "size",
                    "page must be in [0, 1000000] and size in [1, 100]");
        }
        String search = q == null || q.isBlank() ? null : q.strip();
        List<Map<String, Object>> items = new ArrayList<>();
        for (MixSession s : sessions.page(me.accountId(), search, page * size, size)) {
            items.add(status(s));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", items);
        body.put("total", sessions.count(me.accountId(), search));
        body.put("page", page);
        body.put("size", size);
        return body;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> create(@AuthenticationPrincipal SignedIn me,
                                               @RequestBody(required = false) CreateRequest request) {
        CreateRequest r = request == null ? new CreateRequest(null, null, null, null, null, null, null) : request;
        SessionOptions options = new SessionOptions(r.target(), r.style(), r.reverb(),
                r.intensity() == null ? 50 : r.intensity(), r.pan(), r.stems());
        MixSession session = service.create(me.accountId(), r.name(), options);
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("id", session.id()));
    }

    @GetMapping("/{id}")
    Map<String, Object> get(@AuthenticationPrincipal SignedIn me, @PathVariable String id) {
        MixSession session = service.owned(id, me.accountId());
        Map<String, Object> body = status(session);
        body.put("options", service.options(session));
        List<Map<String, Object>> files = new ArrayList<>();
        for (SessionFile f : sessions.files(id)) {
            files.add(file(f));
        }
        body.put("files", files);
        List<Map<String, Object>> revisions = new ArrayList<>();
        for (Revision r : sessions.revisions(id)) {
            Map<String, Object> rev = new LinkedHashMap<>();
            rev.put("number", r.number());
            rev.put("status", r.status().dbName());
            rev.put("note", r.note());
            rev.put("error", r.error());
            rev.put("createdAt", r.createdAt());
            rev.put("completedAt", r.completedAt());
            revisions.add(rev);
        }
        body.put("revisions", revisions);
        return body;
    }

    @PostMapping(value = "/{id}/files", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<Map<String, Object>> upload(@AuthenticationPrincipal SignedIn me, @PathVariable String id,
                                               @RequestParam(value = "file", required = false) List<MultipartFile> uploads,
                                               @RequestParam(defaultValue = "stem") String kind) throws IOException {
        MixSession session = service.owned(id, me.accountId());
        if (uploads == null || uploads.isEmpty()) {
            throw new InvalidInputException("file", "send the audio as multipart/form-data in the field 'file' (repeatable)");
        }
        List<Map<String, Object>> stored = new ArrayList<>();
        List<Map<String, Object>> refused = new ArrayList<>();
        for (MultipartFile upload : uploads) {
            try (InputStream in = upload.getInputStream()) {
                stored.add(file(service.upload(session, kind, upload.getOriginalFilename(), upload.getSize(), in)));
            } catch (InvalidInputException e) {
                if (uploads.size() == 1) {
                    throw e;
                }
                refused.add(Map.of("file", String.valueOf(upload.getOriginalFilename()), "detail", e.getMessage()));
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("files", stored);
        body.put("refused", refused);
        return ResponseEntity.status(stored.isEmpty() ? HttpStatus.BAD_REQUEST : HttpStatus.CREATED).body(body);
    }

    @DeleteMapping("/{id}/files/{fileId}")
    ResponseEntity<Void> removeFile(@AuthenticationPrincipal SignedIn me, @PathVariable String id,
                                    @PathVariable String fileId) throws IOException {
        service.removeFile(service.owned(id, me.accountId()), fileId);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/start")
    ResponseEntity<Map<String, Object>> start(@AuthenticationPrincipal SignedIn me, @PathVariable String id) {
        MixSession session = service.owned(id, me.accountId());
        service.start(session);
        return ResponseEntity.accepted().body(status(service.owned(id, me.accountId())));
    }

    @GetMapping("/{id}/report")
    ResponseEntity<String> report(@AuthenticationPrincipal SignedIn me, @PathVariable String id,
                                  @RequestParam(required = false) Integer revision) {
        Revision r = completedRevision(service.owned(id, me.accountId()), revision);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(r.reportJson());
    }

    @GetMapping("/{id}/plan")
    ResponseEntity<String> plan(@AuthenticationPrincipal SignedIn me, @PathVariable String id,
                                @RequestParam(required = false) Integer revision) {
        MixSession session = service.owned(id, me.accountId());
        int number = revision == null ? session.currentRevision() : checkedRevision(revision);
        Revision r = sessions.revision(id, number).filter(x -> x.planJson() != null)
                .orElseThrow(() -> new NotFoundException("plan"));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(r.planJson());
    }

    @PutMapping(value = "/{id}/plan", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> revise(@AuthenticationPrincipal SignedIn me, @PathVariable String id,
                                               jakarta.servlet.http.HttpServletRequest request) throws IOException {
        MixSession session = service.owned(id, me.accountId());
        String planJson = readLimited(request.getInputStream(), MAX_PLAN_BYTES);
        int number = service.revise(session, planJson, null);
        return ResponseEntity.accepted().body(Map.of("revision", number));
    }

    /** The mix; {@code format} 24 (default), 16, 32, flac or mp3; {@code rate} source, 44100, 48000, … (default: as rendered). */
    @GetMapping({"/{id}/mix.wav", "/{id}/mix"})
    ResponseEntity<Resource> mix(@AuthenticationPrincipal SignedIn me, @PathVariable String id,
                                 @RequestParam(required = false) Integer revision,
                                 @RequestParam(defaultValue = "24") String format,
                                 @RequestParam(required = false) String rate) throws IOException {
        MixSession session = service.owned(id, me.accountId());
        return downloads.mix(session, completedRevision(session, revision).number(), format, rate,
                service.sourceRateHz(session), true);
    }

    /** The revision as a REAPER session (zip: the .rpp and its audio). */
    @GetMapping("/{id}/reaper.zip")
    ResponseEntity<Resource> reaper(@AuthenticationPrincipal SignedIn me, @PathVariable String id,
                                    @RequestParam(required = false) Integer revision) throws IOException {
        MixSession session = service.owned(id, me.accountId());
        return downloads.reaper(session, completedRevision(session, revision));
    }

    /** The raw stems separated from a one-file stereo upload (zip); 404 for a multitrack session. */
    @GetMapping("/{id}/separated.zip")
    ResponseEntity<org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody> separated(
            @AuthenticationPrincipal SignedIn me, @PathVariable String id) throws IOException {
        return downloads.separated(service.owned(id, me.accountId()));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@AuthenticationPrincipal SignedIn me, @PathVariable String id) {
        service.delete(service.owned(id, me.accountId()));
        return ResponseEntity.noContent().build();
    }

    /** A plan is a few kilobytes; half a megabyte leaves room for long reasons. */
    static final int MAX_PLAN_BYTES = 512 * 1024;

    static String readLimited(InputStream in, int limit) throws IOException {
        byte[] bytes = in.readNBytes(limit + 1);
        if (bytes.length > limit) {
            throw new InvalidInputException("plan", "the plan is larger than " + limit / 1024 + " KB", 413);
        }
        return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** A revision number from outside: revisions count from 1. */
    static int checkedRevision(int revision) {
        if (revision < 1) {
            throw new InvalidInputException("revision", "revision must be 1 or more, was " + revision);
        }
        return revision;
    }

    private Revision completedRevision(MixSession session, Integer revision) {
        if (revision == null) {
            return sessions.revision(session.id(), latestCompleted(session.id())).filter(r -> r.completed())
                    .orElseThrow(() -> new InvalidInputException("revision", "no completed mix yet (status "
                            + session.status().apiName() + ")", 409));
        }
        Revision asked = sessions.revision(session.id(), checkedRevision(revision))
                .orElseThrow(() -> new NotFoundException("revision " + revision));
        if (!asked.completed()) {
            throw new InvalidInputException("revision", "revision " + revision + " is not completed (status " + asked.status().dbName()
                    + ")", 409);
        }
        return asked;
    }

    private int latestCompleted(String sessionId) {
        return sessions.revisions(sessionId).stream().filter(r -> r.completed()).mapToInt(Revision::number)
                .max().orElse(0);
    }

    static Map<String, Object> status(MixSession s) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", s.id());
        body.put("name", s.name());
        body.put("status", s.status().apiName());
        body.put("stage", s.stage());
        body.put("progress", s.progressPercent());
        body.put("error", s.error());
        body.put("createdAt", s.createdAt());
        body.put("completedAt", s.completedAt());
        body.put("outputExpiresAt", s.outputExpiresAt());
        body.put("outputDeleted", s.outputDeletedAt() != null);
        body.put("revision", s.currentRevision());
        body.put("integratedLufs", s.integratedLufs());
        body.put("truePeakDbtp", s.truePeakDbtp());
        body.put("loudnessRangeLu", s.loudnessRangeLu());
        return body;
    }

    static Map<String, Object> file(SessionFile f) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", f.id());
        body.put("kind", f.kind());
        body.put("name", f.originalName());
        body.put("stem", f.stemName());
        body.put("sizeBytes", f.sizeBytes());
        body.put("durationSeconds", f.durationSeconds());
        body.put("sampleRateHz", f.sampleRateHz());
        body.put("channels", f.channels());
        body.put("format", f.format());
        body.put("deleted", f.deletedAt() != null);
        body.put("warnings", f.warning() == null ? List.of() : List.of(f.warning()));
        return body;
    }
}
