package org.neuromix.app.admin.web;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.neuromix.app.web.Signed.ADMIN_ID;
import static org.neuromix.app.web.Signed.ME;
import static org.neuromix.app.web.Signed.SUPPORT_ID;
import static org.neuromix.app.web.Signed.admin;
import static org.neuromix.app.web.Signed.support;
import static org.neuromix.app.web.Signed.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.neuromix.app.account.Account;
import org.neuromix.app.account.Accounts;
import org.neuromix.app.privacy.AuditLog;
import org.neuromix.app.privacy.Retention;
import org.neuromix.app.privacy.RetentionSchedule;
import org.neuromix.app.privacy.RightsRequests;
import org.neuromix.app.privacy.SupportGrants;
import org.neuromix.app.session.Sessions;
import org.neuromix.app.storage.BlobStore;
import org.neuromix.app.storage.SessionKeys;
import org.neuromix.app.web.Signed;
import org.neuromix.app.web.WebSlice;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** /support for SUPPORT and ADMIN (every look audited, audio only under the owner's grant); /admin for ADMIN only. */
@WebMvcTest(controllers = StaffPages.class)
@WebSlice
class StaffPagesSliceTest {
    @Autowired
    MockMvc mvc;
    @Autowired
    Accounts accounts;
    @MockitoBean
    Sessions sessions;
    @MockitoBean
    SupportGrants grants;
    @MockitoBean
    AuditLog audit;
    @MockitoBean
    BlobStore store;
    @MockitoBean
    Retention retention;
    @MockitoBean
    RetentionSchedule schedule;
    @MockitoBean
    RightsRequests rightsRequests;

    @Test
    void supportLooksUpAnAccountAndTheLookIsAuditedWithTheStaffId() throws Exception {
        when(accounts.byEmail("person7@example.com")).thenReturn(Optional.of(Signed.account(ME, Account.USER)));
        when(sessions.page(ME, null, 0, 100)).thenReturn(List.of(Signed.session("s1", ME, true)));
        mvc.perform(get("/support").param("email", " Person7@Example.com ").with(support()))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
                .andExpect(view().name("support"))
                .andExpect(model().attribute("sessions", List.of(Signed.session("s1", ME, true))))
                .andExpect(content().string(containsString(">s1</td>")));
        verify(audit).record(eq(AuditLog.Kind.STAFF_VIEW_ACCOUNT), eq(ME), isNull(), eq(SUPPORT_ID),
                eq("staff support viewed the account and session metadata"));
    }

    @Test
    void supportRefusesAUserAndSendsAnonymousToSignIn() throws Exception {
        mvc.perform(get("/support").param("email", "person7@example.com").with(user()))
                .andExpect(status().isForbidden());
        mvc.perform(get("/support/sessions/s1/mix.wav").with(user()))
                .andExpect(status().isForbidden());
        mvc.perform(get("/support")).andExpect(status().isFound()).andExpect(redirectedUrl("/login"));
        verifyNoInteractions(audit, sessions, store);
    }

    @Test
    void audioWithoutTheOwnersGrantIsRefusedAndAudited() throws Exception {
        when(sessions.byId("s1")).thenReturn(Optional.of(Signed.session("s1", ME, true)));
        mvc.perform(get("/support/sessions/s1/mix.wav").with(support()))
                .andExpect(status().isForbidden())
                .andExpect(view().name("message"))
                .andExpect(model().attribute("field", "grant"))
                .andExpect(model().attribute("text", "the owner has not granted support access to this session's audio"));
        verify(audit).record(eq(AuditLog.Kind.REFUSED), eq(ME), eq("s1"), eq(SUPPORT_ID), anyString());
        verify(store, never()).open(anyString());
    }

    @Test
    void audioUnderTheOwnersGrantIsServedAndAudited() throws Exception {
        byte[] wav = "RIFF....WAVE".getBytes(StandardCharsets.US_ASCII);
        String key = SessionKeys.mix("s1", 1);
        when(sessions.byId("s1")).thenReturn(Optional.of(Signed.session("s1", ME, true)));
        when(grants.activeUntil("s1")).thenReturn(Optional.of(Instant.parse("2026-12-02T12:00:00Z")));
        when(store.size(key)).thenReturn((long) wav.length);
        when(store.open(key)).thenReturn(new ByteArrayInputStream(wav));
        mvc.perform(get("/support/sessions/s1/mix.wav").with(admin()))
                .andExpect(status().isOk())
                .andExpect(content().contentType("audio/wav"))
                .andExpect(content().bytes(wav));
        verify(audit).record(eq(AuditLog.Kind.STAFF_AUDIO_ACCESS), eq(ME), eq("s1"), eq(ADMIN_ID), anyString());
    }

    @Test
    void audioOfAnUnknownSessionIsNotFound() throws Exception {
        mvc.perform(get("/support/sessions/nothing/mix.wav").with(support()))
                .andExpect(status().isNotFound())
                .andExpect(model().attribute("heading", "Not found"));
        verifyNoInteractions(audit, store);
    }

    @org.junit.jupiter.api.BeforeEach
    void nothingIsDue() {
        when(retention.due()).thenReturn(java.util.Map.of("originals", 0, "output", 2, "accounts", 0, "processingLogs", 0,
                "emailLog", 0));
    }

    @Test
    void theAdminPageIsForAdminsOnly() throws Exception {
        when(audit.count()).thenReturn(3);
        mvc.perform(get("/admin").with(admin()))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
                .andExpect(view().name("admin"))
                .andExpect(model().attribute("auditCount", 3L))
                .andExpect(model().attribute("rightsAnswerWithin", "30 days"));
        mvc.perform(get("/admin").with(support())).andExpect(status().isForbidden());
        mvc.perform(get("/admin").with(user())).andExpect(status().isForbidden());
        mvc.perform(get("/admin")).andExpect(status().isFound()).andExpect(redirectedUrl("/login"));
        verify(audit).latest(0, StaffPages.AUDIT_PAGE_SIZE);
    }

    @Test
    void anAuditPageBeyondTheLastShowsTheLast() throws Exception {
        when(audit.count()).thenReturn(120);
        mvc.perform(get("/admin").param("page", "999999999").with(admin()))
                .andExpect(status().isOk())
                .andExpect(model().attribute("page", 2));
        verify(audit).latest(100, StaffPages.AUDIT_PAGE_SIZE);
    }

    @Test
    void anAuditPageThatIsNotANumberOrNegativeIsNamed() throws Exception {
        mvc.perform(get("/admin").param("page", "two").with(admin()))
                .andExpect(status().isBadRequest())
                .andExpect(view().name("message"))
                .andExpect(model().attribute("field", "page"))
                .andExpect(model().attribute("text", containsString("'page' must be a whole number")));
        mvc.perform(get("/admin").param("page", "-1").with(admin()))
                .andExpect(status().isBadRequest())
                .andExpect(model().attribute("field", "page"))
                .andExpect(model().attribute("text", "page must be >= 0"));
        verify(audit, never()).latest(org.mockito.ArgumentMatchers.anyInt(), org.mockito.ArgumentMatchers.anyInt());
    }

    @Test
    void anAdminMaySupportToo() throws Exception {
        mvc.perform(get("/support").with(admin()))
                .andExpect(status().isOk())
                .andExpect(view().name("support"));
        verify(accounts, never()).byEmail(any());
    }
}
