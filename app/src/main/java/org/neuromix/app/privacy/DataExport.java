package org.neuromix.app.privacy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.neuromix.app.account.Account;
import org.neuromix.app.account.Accounts;
import org.neuromix.app.account.Mailer;
import org.neuromix.app.session.MixSession;
import org.neuromix.app.session.Revision;
import org.neuromix.app.session.SessionFile;
import org.neuromix.app.session.Sessions;
import org.springframework.stereotype.Service;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Everything the service holds about a person, as JSON files in a zip: the account, every
 * session with its settings, files' metadata, plans, reports and processing log, the emails sent
 * to them, the breach notices they were sent, their rights requests with the answers, and the
 * audit of what was done with their data (purges, exports, staff access).
 * Audio is not in it: it is downloadable from each session while it is kept.
 */
@Service
public class DataExport {
    private final Accounts accounts;
    private final Sessions sessions;
    private final Mailer mailer;
    private final AuditLog audit;
    private final BreachNotices breaches;
    private final RightsRequests requests;
    private final JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    DataExport(Accounts accounts, Sessions sessions, Mailer mailer, AuditLog audit, BreachNotices breaches,
               RightsRequests requests) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.mailer = mailer;
        this.audit = audit;
        this.breaches = breaches;
        this.requests = requests;
    }

    public void write(long accountId, OutputStream out) throws IOException {
        Account a = accounts.byId(accountId).orElseThrow();
        audit.record(AuditLog.Kind.EXPORT, accountId, null, accountId, "data export by the account holder");
        try (ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
            Map<String, Object> account = new LinkedHashMap<>();
            account.put("id", a.id());
            account.put("name", a.name());
            account.put("email", a.email());
            account.put("role", a.role());
            account.put("emailVerified", a.emailVerified());
            account.put("acceptedPolicyVersion", a.acceptedPolicyVersion());
            account.put("createdAt", a.createdAt());
            account.put("emailNotifications", a.emailNotifications());
            account.put("deletionRequestedAt", a.deletionRequestedAt());
            entry(zip, "account.json", account);

            List<Map<String, Object>> all = new ArrayList<>();
            int offset = 0;
            List<MixSession> page;
            do {
                page = sessions.page(accountId, null, offset, 500);
                for (MixSession s : page) {
                    all.add(session(s));
                }
                offset += page.size();
            } while (page.size() == 500);
            entry(zip, "sessions.json", all);

            entry(zip, "email-log.json", mailer.logOf(accountId));
            entry(zip, "breach-notices.json", breaches.of(accountId));
            entry(zip, "rights-requests.json", requests.about(accountId, a.email()).stream().map(r -> {
                Map<String, Object> request = new LinkedHashMap<>();
                request.put("id", r.id());
                request.put("kind", r.kind().formValue());
                request.put("email", r.email());
                request.put("forChild", r.forChild());
                request.put("details", r.details());
                request.put("status", r.status().name().toLowerCase(java.util.Locale.ROOT));
                request.put("receivedAt", r.receivedAt());
                request.put("dueAt", r.dueAt());
                request.put("verifiedAt", r.verifiedAt());
                request.put("answer", r.answer());
                request.put("answeredAt", r.answeredAt());
                request.put("closedAt", r.closedAt());
                request.put("closeNote", r.closeNote());
                return request;
            }).toList());
            entry(zip, "audit.json", audit.about(accountId));
        }
    }

    private Map<String, Object> session(MixSession s) {
        Map<String, Object> session = new LinkedHashMap<>();
        session.put("id", s.id());
        session.put("name", s.name());
        session.put("status", s.status().apiName());
        session.put("error", s.error());
        session.put("options", json.readTree(s.optionsJson()));
        session.put("createdAt", s.createdAt());
        session.put("completedAt", s.completedAt());
        session.put("outputExpiresAt", s.outputExpiresAt());
        session.put("outputDeletedAt", s.outputDeletedAt());
        session.put("originalsDeletedAt", s.originalsDeletedAt());
        session.put("integratedLufs", s.integratedLufs());
        session.put("truePeakDbtp", s.truePeakDbtp());
        List<Map<String, Object>> files = new ArrayList<>();
        for (SessionFile f : sessions.files(s.id())) {
            Map<String, Object> file = new LinkedHashMap<>();
            file.put("name", f.originalName());
            file.put("kind", f.kind());
            file.put("sizeBytes", f.sizeBytes());
            file.put("durationSeconds", f.durationSeconds());
            file.put("format", f.format());
            file.put("uploadedAt", f.uploadedAt());
            file.put("deletedAt", f.deletedAt());
            files.add(file);
        }
        session.put("files", files);
        List<Map<String, Object>> revisions = new ArrayList<>();
        for (Revision r : sessions.revisions(s.id())) {
            Map<String, Object> revision = new LinkedHashMap<>();
            revision.put("number", r.number());
            revision.put("status", r.status().dbName());
            revision.put("note", r.note());
            revision.put("createdAt", r.createdAt());
            revision.put("completedAt", r.completedAt());
            revision.put("plan", r.planJson() == null ? null : json.readTree(r.planJson()));
            revision.put("report", r.reportJson() == null ? null : json.readTree(r.reportJson()));
            revisions.add(revision);
        }
        session.put("revisions", revisions);
        session.put("processingLog", sessions.logLines(s.id()));
        return session;
    }

    private void entry(ZipOutputStream zip, String name, Object value) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(json.writeValueAsBytes(value));
        zip.closeEntry();
    }
}
