package org.neuromix.app.session;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.neuromix.app.storage.BlobStore;
import org.neuromix.app.storage.SessionKeys;
import org.neuromix.app.storage.WorkFolders;
import org.neuromix.app.system.InvalidInputException;
import org.neuromix.app.system.Names;
import org.neuromix.app.system.NotFoundException;
import org.neuromix.engine.io.AudioFileException;
import org.neuromix.engine.io.AudioFileInfo;
import org.neuromix.engine.io.AudioReader;
import org.neuromix.engine.plan.MixPlan;
import org.neuromix.engine.plan.MixPlanException;
import org.neuromix.engine.plan.MixPlanJson;
import org.neuromix.engine.render.RevisionPlans;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** Creating, filling, starting, revising and deleting mixing sessions — always as their owner. */
@Service
public class SessionService {
    private final Sessions sessions;
    private final BlobStore store;
    private final RevisionQueue jobs;
    private final SessionSettings settings;
    private final Clock clock;
    private final JsonMapper json;

    private final org.springframework.transaction.support.TransactionTemplate transactions;
    private final WorkFolders workFolders;
    private final org.neuromix.app.account.AccountSettings accountSettings;

    SessionService(Sessions sessions, BlobStore store, RevisionQueue jobs, SessionSettings settings, Clock clock, JsonMapper json,
                   org.springframework.transaction.support.TransactionTemplate transactions, WorkFolders workFolders,
                   org.neuromix.app.account.AccountSettings accountSettings) {
        this.accountSettings = accountSettings;
        this.transactions = transactions;
        this.workFolders = workFolders;
        this.sessions = sessions;
        this.store = store;
        this.jobs = jobs;
        this.settings = settings;
        this.clock = clock;
        this.json = json;
    }

    /** The owner's session, or 404 (also for someone else's). */
    public MixSession owned(String id, long ownerId) {
        if (id == null || id.length() > 36) {
            throw new NotFoundException("session");
        }
        return sessions.owned(id, ownerId).orElseThrow(() -> new NotFoundException("session"));
    }

    public MixSession create(long ownerId, String name, SessionOptions options) {
        String title = Names.typed("name", "the session name", name, 200, "Untitled session");
        String id = UUID.randomUUID().toString();
        sessions.insert(id, ownerId, title, json.writeValueAsString(options), clock.instant());
        return sessions.byId(id).orElseThrow();
    }

    public SessionOptions options(MixSession session) {
        return json.readValue(session.optionsJson(), SessionOptions.class);
    }

    public void updateOptions(MixSession session, SessionOptions options) {
        requireDraft(session);
        sessions.updateOptions(session.id(), json.writeValueAsString(options));
    }

    /**
     * Checks an upload (streamed to this node's disk, never whole in memory) by probing it, against
     * the session's and the account's disk budgets, and by decoding it through to its end; only a
     * usable file goes to the store. A file that is not usable is refused with its name and the
     * reason; the rest of the session is untouched.
     */
    public SessionFile upload(MixSession session, String kind, String originalName, long declaredSize, InputStream content)
            throws IOException {
        requireDraft(session);
        String name = displayName(originalName);
        if (!kind.equals(SessionFile.STEM) && !kind.equals(SessionFile.REFERENCE)) {
            throw new InvalidInputException("kind", "kind must be stem or reference");
        }
        List<SessionFile> existing = sessions.files(session.id());
        if (existing.size() >= settings.maxFiles()) {
            throw new InvalidInputException("file", "'" + name + "': a session holds at most " + settings.maxFiles() + " files");
        }
        if (kind.equals(SessionFile.REFERENCE) && existing.stream().anyMatch(f -> f.kind().equals(SessionFile.REFERENCE))) {
            throw new InvalidInputException("file", "'" + name + "': the session already has a reference track");
        }
        if (declaredSize == 0) {
            throw new InvalidInputException("file", "'" + name + "' is empty (0 bytes)");
        }
        if (declaredSize > settings.maxFileSize().toBytes()) {
            throw new InvalidInputException("file", "'" + name + "' is larger than the limit of " + settings.maxFileSize(), 413);
        }
        String fileId = UUID.randomUUID().toString();
        String key = SessionKeys.original(session.id(), fileId);
        // Checked on this node's disk first; only a usable file goes to the store.
        Path incoming = workFolders.of(session.id()).resolve("incoming").resolve(fileId);
        Files.createDirectories(incoming.getParent());
        AudioFileInfo info;
        long size;
        String sha256;
        String warning = null;
        try {
            java.security.MessageDigest digest = sha256();
            try (java.security.DigestInputStream digesting = new java.security.DigestInputStream(content, digest)) {
                size = Files.copy(digesting, incoming, StandardCopyOption.REPLACE_EXISTING);
            }
            sha256 = java.util.HexFormat.of().formatHex(digest.digest());
            if (size == 0) {
                throw new InvalidInputException("file", "'" + name + "' is empty (0 bytes)");
            }
            if (size > settings.maxFileSize().toBytes()) {
                throw new InvalidInputException("file", "'" + name + "' is larger than the limit of " + settings.maxFileSize(), 413);
            }
            try {
                info = AudioReader.probe(incoming);
            } catch (AudioFileException e) {
                throw new InvalidInputException("file", "'" + name + "' is not audio NeuroMix can read: " + whatItIs(incoming)
                        + ". Upload WAV, FLAC, AIFF, MP3, Ogg or M4A files");
            }
            if (!(info.durationSeconds() > 0)) {
                throw new InvalidInputException("file", "'" + name + "' holds no audio");
            }
            if (info.durationSeconds() > settings.maxDuration().toSeconds()) {
                throw new InvalidInputException("file", "'" + name + "' is longer than the limit of "
                        + settings.maxDuration().toMinutes() + " minutes");
            }
            checkBudgets(session, name, info, size, existing);
            if (decodeThrough(incoming, name)) {
                warning = "'" + name + "' is digitally silent (every sample is zero): it adds nothing to the mix;"
                        + " remove it, or upload the file you meant";
            }
            store.putFile(key, incoming);
        } finally {
            Files.deleteIfExists(incoming);
        }
        SessionFile file;
        String finalWarning = warning;
        try {
            // Under a lock on the draft row: a start, a delete or a parallel upload cannot slip in
            // between these checks and the insert.
            file = transactions.execute(status -> {
                if (!sessions.lockDraft(session.id())) {
                    throw new InvalidInputException("status", "the session has been started or deleted; its files are fixed", 409);
                }
                List<SessionFile> current = sessions.files(session.id());
                if (current.size() >= settings.maxFiles()) {
                    throw new InvalidInputException("file", "'" + name + "': a session holds at most " + settings.maxFiles() + " files");
                }
                if (kind.equals(SessionFile.REFERENCE) && current.stream().anyMatch(f -> f.kind().equals(SessionFile.REFERENCE))) {
                    throw new InvalidInputException("file", "'" + name + "': the session already has a reference track");
                }
                checkBudgets(session, name, info, size, current); // again under the lock: parallel uploads
                // Against the files as they are under the lock: two copies dropped together are noticed too.
                String duplicate = !kind.equals(SessionFile.STEM) ? null : current.stream()
                        .filter(f -> f.kind().equals(SessionFile.STEM) && sha256.equals(f.contentSha256())).findFirst()
                        .map(same -> "'" + name + "' is the same file as '" + same.originalName() + "', already in this"
                                + " session: it would be mixed twice; remove one of them unless you want it doubled")
                        .orElse(null);
                SessionFile row = new SessionFile(fileId, session.id(), kind, name, stemName(name, current), size,
                        info.durationSeconds(), info.sampleRate(), info.channels(), info.format(), clock.instant(), null, sha256,
                        duplicate != null ? duplicate : finalWarning);
                sessions.insertFile(row);
                return row;
            });
        } catch (RuntimeException e) {
            store.deletePrefix(key);
            throw e;
        }
        return file;
    }

    /**
     * Before anything expands: the working copies of the session's files together, and the uploads an
     * account has stored, stay within their budgets ({@code neuromix.sessions.max-working-bytes},
     * {@code neuromix.accounts.max-stored-bytes}).
     */
    private void checkBudgets(MixSession session, String name, AudioFileInfo info, long sizeBytes, List<SessionFile> existing) {
        long working = SessionFile.workingCopyBytes(info.durationSeconds(), info.channels());
        long sessionWorking = existing.stream().mapToLong(SessionFile::workingCopyBytes).sum();
        long budget = settings.maxWorkingBytes().toBytes();
        if (sessionWorking + working > budget) {
            throw new InvalidInputException("file", "'" + name + "' would decode to " + bytes(working) + " for mixing, and"
                    + " with the session's other files (" + bytes(sessionWorking) + ") that is more than a session may use ("
                    + bytes(budget) + "); mix it in a session of its own or shorten the files", 413);
        }
        long stored = sessions.storedBytesOf(session.ownerId());
        long accountBudget = accountSettings.maxStoredBytes().toBytes();
        if (stored + sizeBytes > accountBudget) {
            throw new InvalidInputException("file", "'" + name + "' (" + bytes(sizeBytes) + ") does not fit: your uploads not"
                    + " yet mixed take " + bytes(stored) + " of the " + bytes(accountBudget) + " an account may store; start or"
                    + " delete a draft session first", 413);
        }
    }

    private static String bytes(long n) {
        return n >= 1L << 30 ? String.format(Locale.ROOT, "%.1f GB", n / (double) (1L << 30))
                : String.format(Locale.ROOT, "%.0f MB", Math.max(1, n / (double) (1L << 20)));
    }

    /** What a file that is not audio looks like, in a musician's words (the decoder's own message is for us). */
    private static String whatItIs(Path file) {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(512);
        } catch (IOException unreadable) {
            return "it could not be read";
        }
        String start = new String(head, 0, Math.min(head.length, 8), java.nio.charset.StandardCharsets.ISO_8859_1);
        if (start.startsWith("PK")) {
            return "it is a zip archive; unpack it and upload the audio files in it";
        }
        if (start.startsWith("%PDF")) {
            return "it is a PDF document";
        }
        if (start.startsWith("RIFF") || start.startsWith("FORM") || start.startsWith("fLaC") || start.startsWith("OggS")) {
            return "its header says audio, but the audio in it cannot be decoded (the file may be damaged or of an unusual kind)";
        }
        int printable = 0;
        for (byte b : head) {
            if (b == '\n' || b == '\r' || b == '\t' || (b >= 32 && b < 127) || b < 0) {
                printable++;
            }
        }
        return head.length > 0 && printable == head.length ? "it holds text, not sound" : "its format is not one NeuroMix knows";
    }

    private static java.security.MessageDigest sha256() {
        try {
            return java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * Decodes the whole file: one that breaks off or is corrupt on the way is refused now, not at
     * mixing. True when every sample is exactly zero (digital silence).
     */
    private static boolean decodeThrough(Path file, String name) {
        try (AudioReader reader = AudioReader.open(file)) {
            org.neuromix.engine.audio.AudioBuffer block = new org.neuromix.engine.audio.AudioBuffer(reader.channels(), 16_384);
            boolean silent = true;
            int frames;
            while ((frames = reader.read(block)) > 0) {
                for (int c = 0; silent && c < block.channels(); c++) {
                    float[] samples = block.channel(c);
                    for (int i = 0; i < frames; i++) {
                        if (samples[i] != 0) {
                            silent = false;
                            break;
                        }
                    }
                }
            }
            return silent;
        } catch (AudioFileException e) {
            throw new InvalidInputException("file", "'" + name + "' is damaged: " + e.getMessage().replace(file.toString(),
                    "the file").replaceFirst("^the file: ", "") + "; export or copy it again and upload that");
        }
    }

    /**
     * The sample rate the musician's stems came at (the most common one among them; the rendered
     * rate when none is known), for downloads "at the source rate".
     */
    public int sourceRateHz(MixSession session) {
        return sessions.files(session.id()).stream().filter(f -> f.kind().equals(SessionFile.STEM))
                .collect(java.util.stream.Collectors.groupingBy(SessionFile::sampleRateHz, java.util.stream.Collectors.counting()))
                .entrySet().stream().max(java.util.Map.Entry.<Integer, Long>comparingByValue()
                        .thenComparing(java.util.Map.Entry.comparingByKey()))
                .map(java.util.Map.Entry::getKey).orElse(SessionFile.WORKING_RATE_HZ);
    }

    public void removeFile(MixSession session, String fileId) throws IOException {
        requireDraft(session);
        if (!sessions.deleteFile(session.id(), fileId)) {
            throw new NotFoundException("file");
        }
        store.deletePrefix(SessionKeys.original(session.id(), fileId));
    }

    /** Queues the AI mix. The draft row is claimed first, so that no upload can join afterwards. */
    @Transactional
    public void start(MixSession session) {
        requireDraft(session);
        if (!sessions.markQueued(session.id(), clock.instant())) {
            throw new InvalidInputException("status", "the session has already been started", 409);
        }
        List<SessionFile> files = sessions.files(session.id());
        if (files.stream().noneMatch(f -> f.kind().equals(SessionFile.STEM))) {
            throw new InvalidInputException("files", "upload at least one stem (or a stereo mix) before starting", 409);
        }
        for (String stem : options(session).stems().keySet()) {
            if (files.stream().noneMatch(f -> f.stemName().equals(stem))) {
                throw new InvalidInputException("stems[" + stem + "]", "there is no uploaded stem called '" + stem + "'");
            }
        }
        sessions.insertRevision(session.id(), 1, null, "the AI's mix", clock.instant());
        jobs.enqueue(session.id(), 1);
    }

    /**
     * A new revision from an edited plan: checked (field names in the message) and against what
     * can be rendered without the deleted stems, then queued. Returns its number.
     */
    @Transactional
    public int revise(MixSession session, String planJson, String note) {
        if (session.status() != MixSession.Status.COMPLETED) {
            throw new InvalidInputException("status", "a revision needs a completed session (it is "
                    + session.status().apiName() + ")", 409);
        }
        if (!session.outputAvailable()) {
            throw new InvalidInputException("status", "the session's audio has expired and was deleted;"
                    + " a revision cannot be rendered", 410);
        }
        MixPlan plan;
        try {
            plan = MixPlanJson.read(planJson);
            MixPlan base = MixPlanJson.read(sessions.revision(session.id(), 1).orElseThrow().planJson());
            RevisionPlans.renderable(base, plan);
        } catch (MixPlanException e) {
            throw new InvalidInputException(e.field() == null ? "plan" : e.field(), e.getMessage());
        }
        // Claims the completed session (one revision at a time); the number is taken under that lock.
        if (!sessions.claimForRevision(session.id())) {
            throw new InvalidInputException("status", "another revision is being rendered, or the audio has expired", 409);
        }
        int number = sessions.lastRevisionNumber(session.id()) + 1;
        String text = note == null || note.isBlank() ? "revision " + number : note.strip();
        sessions.insertRevision(session.id(), number, MixPlanJson.write(plan),
                text.length() > 400 ? text.substring(0, 400) : text, clock.instant());
        sessions.markRevisionQueued(session.id(), number);
        jobs.enqueue(session.id(), number);
        return number;
    }

    /** Deletes the session with every file it has. */
    public void delete(MixSession session) {
        jobs.cancel(session.id(), Math.max(1, sessions.lastRevisionNumber(session.id())));
        sessions.delete(session.id());
        try {
            store.deletePrefix(SessionKeys.session(session.id()));
            workFolders.delete(session.id());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void requireDraft(MixSession session) {
        if (session.status() != MixSession.Status.DRAFT) {
            throw new InvalidInputException("status", "the session has been started; its files and options are fixed", 409);
        }
    }

    /** The name as shown: no folders, no control or invisible format characters, at most 200 characters. */
    static String displayName(String originalName) {
        return Names.fileName(originalName, 200);
    }

    /** A file-system-safe, unique stem name that keeps the words role detection reads. */
    static String stemName(String displayName, List<SessionFile> existing) {
        String base = displayName.replaceAll("[^\\p{L}\\p{N} ._()+-]", "_");
        if (base.startsWith(".")) {
            base = "_" + base;
        }
        Set<String> used = new HashSet<>();
        existing.forEach(f -> used.add(f.stemName().toLowerCase(Locale.ROOT)));
        String candidate = base;
        int dot = base.lastIndexOf('.');
        for (int n = 2; used.contains(candidate.toLowerCase(Locale.ROOT)); n++) {
            candidate = dot > 0 ? base.substring(0, dot) + " (" + n + ")" + base.substring(dot) : base + " (" + n + ")";
        }
        return candidate;
    }

    public Instant now() {
        return clock.instant();
    }
}
