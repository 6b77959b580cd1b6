package org.neuromix.app.privacy.web;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.neuromix.app.web.Signed.ME;
import static org.neuromix.app.web.Signed.user;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.neuromix.app.account.AccountService;
import org.neuromix.app.privacy.AuditLog;
import org.neuromix.app.privacy.DataExport;
import org.neuromix.app.privacy.SupportGrants;
import org.neuromix.app.session.SessionService;
import org.neuromix.app.system.InvalidInputException;
import org.neuromix.app.system.NotFoundException;
import org.neuromix.app.web.Signed;
import org.neuromix.app.web.WebSlice;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** Export, deletion, restoring, email choice and support access: always the signed-in person's own. */
@WebMvcTest(controllers = PrivacyPages.class)
@WebSlice
class PrivacyPagesSliceTest {
    static final Duration GRACE = Duration.ofDays(30); // neuromix.retention.account-grace's default

    @Autowired
    MockMvc mvc;
    @MockitoBean
    AccountService accounts;
    @MockitoBean
    DataExport export;
    @MockitoBean
    SupportGrants grants;
    @MockitoBean
    SessionService sessions;
    @MockitoBean
    AuditLog audit;

    @Test
    void theExportIsTheCallersOwnZip() throws Exception {
        MvcResult started = mvc.perform(get("/account/export").with(user()))
                .andExpect(request().asyncStarted())
                .andExpect(header().string("Content-Disposition", containsString("neuromix-export-" + ME + ".zip")))
                .andReturn();
        mvc.perform(asyncDispatch(started))
                .andExpect(status().isOk())
                .andExpect(content().contentType("application/zip"));
        verify(export).write(eq(ME), any(OutputStream.class));
    }

    @Test
    void deletionIsRequestedForTheCallerWithTheGracePeriod() throws Exception {
        when(accounts.requestDeletion(ME, "my password", GRACE)).thenReturn(Instant.parse("2026-12-31T12:00:00Z"));
        mvc.perform(post("/account/delete").param("password", "my password").with(user()).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
                .andExpect(view().name("message"))
                .andExpect(model().attribute("heading", "Your account is deactivated"))
                .andExpect(model().attribute("text", containsString("2026-12-31T12:00:00Z")));
        verify(accounts).requestDeletion(ME, "my password", GRACE);
        verify(audit).record(eq(AuditLog.Kind.ACCOUNT_DELETION_REQUESTED), eq(ME), isNull(), eq(ME), anyString());
    }

    @Test
    void aWrongPasswordIsNamedAndNothingIsAudited() throws Exception {
        when(accounts.requestDeletion(ME, "wrong", GRACE))
                .thenThrow(new InvalidInputException("password", "the password is not right"));
        mvc.perform(post("/account/delete").param("password", "wrong").with(user()).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(view().name("message"))
                .andExpect(model().attribute("field", "password"))
                .andExpect(model().attribute("text", "the password is not right"));
        verifyNoInteractions(audit);
    }

    @Test
    void deletionWithoutTheFormTokenIsRefused() throws Exception {
        mvc.perform(post("/account/delete").param("password", "my password").with(user()))
                .andExpect(status().isForbidden());
        verify(accounts, never()).requestDeletion(anyLong(), any(), any());
    }

    @Test
    void theEmailChoiceIsTheCallers() throws Exception {
        mvc.perform(post("/account/notifications").param("on", "true").with(user()).with(csrf()))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/account"))
                .andExpect(flash().attribute("notice", "You will get emails before your audio is deleted."));
        verify(accounts).setEmailNotifications(ME, true);
    }

    @Test
    void anEmailChoiceThatIsNotTrueOrFalseIsNamed() throws Exception {
        mvc.perform(post("/account/notifications").param("on", "perhaps").with(user()).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(view().name("message"))
                .andExpect(model().attribute("field", "on"))
                .andExpect(model().attribute("text", "'on' must be true or false, was 'perhaps'"));
        verify(accounts, never()).setEmailNotifications(anyLong(), anyBoolean());
    }

    @Test
    void policyAcceptanceIsTheCallers() throws Exception {
        mvc.perform(post("/account/accept-policy").param("version", "2026-11-01").with(user()).with(csrf()))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/dashboard"));
        verify(accounts).acceptPolicy(ME, "2026-11-01");
    }

    @Test
    void supportAccessIsGrantedOnTheCallersSessionForTheHoursAsked() throws Exception {
        when(sessions.owned("s1", ME)).thenReturn(Signed.session("s1", ME, true));
        when(grants.grant("s1", ME, Duration.ofHours(48))).thenReturn(Instant.parse("2026-12-03T12:00:00Z"));
        mvc.perform(post("/sessions/s1/support-access").param("hours", "48").with(user()).with(csrf()))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/sessions/s1"))
                .andExpect(flash().attribute("notice", containsString("2026-12-03T12:00:00Z")));
        verify(grants).grant("s1", ME, Duration.ofHours(48));
        verify(audit).record(eq(AuditLog.Kind.SUPPORT_GRANTED), eq(ME), eq("s1"), eq(ME), anyString());
    }

    @Test
    void supportAccessOnAnotherPersonsSessionIsNotFoundAndAudited() throws Exception {
        when(sessions.owned("theirs", ME)).thenThrow(new NotFoundException("session"));
        mvc.perform(post("/sessions/theirs/support-access").with(user()).with(csrf()))
                .andExpect(status().isNotFound())
                .andExpect(view().name("message"))
                .andExpect(model().attribute("heading", "Not found"));
        verify(sessions).owned("theirs", ME);
        verify(audit).record(eq(AuditLog.Kind.REFUSED), isNull(), eq("theirs"), eq(ME), anyString());
        verifyNoInteractions(grants);
        mvc.perform(post("/sessions/theirs/support-access/revoke").with(user()).with(csrf()))
                .andExpect(status().isNotFound());
        verifyNoInteractions(grants);
    }

    @Test
    void supportAccessHoursOutOfRangeOrNotANumberAreNamed() throws Exception {
        when(sessions.owned("s1", ME)).thenReturn(Signed.session("s1", ME, true));
        mvc.perform(post("/sessions/s1/support-access").param("hours", "0").with(user()).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(model().attribute("field", "hours"))
                .andExpect(model().attribute("text", "support access lasts 1 to 168 hours"));
        mvc.perform(post("/sessions/s1/support-access").param("hours", "a day").with(user()).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(model().attribute("field", "hours"))
                .andExpect(model().attribute("text", containsString("'hours' must be a whole number")));
        verifyNoInteractions(grants);
    }

    @Test
    void revokingSupportAccessIsTheOwners() throws Exception {
        when(sessions.owned("s1", ME)).thenReturn(Signed.session("s1", ME, true));
        mvc.perform(post("/sessions/s1/support-access/revoke").with(user()).with(csrf()))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/sessions/s1"));
        verify(grants).revoke("s1");
    }

    @Test
    void theRestoreLinkWorksWithoutSigningIn() throws Exception {
        when(accounts.cancelDeletionByLink("secret")).thenReturn(Optional.of(ME));
        mvc.perform(get("/restore").param("token", "secret"))
                .andExpect(status().isOk())
                .andExpect(view().name("message"))
                .andExpect(model().attribute("heading", "Your account is restored"));
        verify(audit).record(eq(AuditLog.Kind.ACCOUNT_DELETION_CANCELLED), eq(ME), isNull(), eq(ME), anyString());
        mvc.perform(get("/restore").param("token", "used"))
                .andExpect(status().isOk())
                .andExpect(model().attribute("heading", "This link does not work"));
        mvc.perform(get("/restore"))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/login"));
    }

    @Test
    void restoringBySigningInIsTheCallers() throws Exception {
        when(accounts.cancelDeletion(ME)).thenReturn(true);
        mvc.perform(post("/restore").with(user()).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(model().attribute("heading", "Your account is restored"));
        verify(accounts).cancelDeletion(ME);
    }

    @Test
    void anonymousIsSentToSignIn() throws Exception {
        mvc.perform(get("/account/export")).andExpect(status().isFound()).andExpect(redirectedUrl("/login"));
        mvc.perform(post("/account/delete").with(csrf())).andExpect(status().isFound()).andExpect(redirectedUrl("/login"));
        mvc.perform(post("/sessions/s1/support-access").with(csrf()))
                .andExpect(status().isFound()).andExpect(redirectedUrl("/login"));
        verifyNoInteractions(export, accounts, grants);
    }
}
