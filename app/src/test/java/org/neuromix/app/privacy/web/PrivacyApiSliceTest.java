package org.neuromix.app.privacy.web;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.neuromix.app.web.Signed.ME;
import static org.neuromix.app.web.Signed.OTHER;
import static org.neuromix.app.web.Signed.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.neuromix.app.account.AccountService;
import org.neuromix.app.privacy.AuditLog;
import org.neuromix.app.privacy.DataExport;
import org.neuromix.app.web.WebSlice;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** The account's export and deletion over the API: one's own only; another's is 403 and audited. */
@WebMvcTest(controllers = PrivacyApi.class)
@WebSlice
class PrivacyApiSliceTest {
    @Autowired
    MockMvc mvc;
    @MockitoBean
    AccountService accounts;
    @MockitoBean
    DataExport export;
    @MockitoBean
    AuditLog audit;

    @Test
    void meIsTheSignedInPerson() throws Exception {
        mvc.perform(get("/api/v1/accounts/me").with(user()))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.id").value(ME))
                .andExpect(jsonPath("$.email").value("person7@example.com"))
                .andExpect(jsonPath("$.role").value("USER"));
    }

    @Test
    void anonymousGetsA401Problem() throws Exception {
        mvc.perform(get("/api/v1/accounts/me"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", "Bearer"))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(containsString("Authorization: Bearer")));
        mvc.perform(delete("/api/v1/accounts/" + ME)).andExpect(status().isUnauthorized());
        verifyNoInteractions(accounts, export);
    }

    @Test
    void aTokenThatIsNotValidGetsA401Problem() throws Exception {
        mvc.perform(get("/api/v1/accounts/me").header("Authorization", "Bearer nmx_mistyped"))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(containsString("bearer token is not valid")));
    }

    @Test
    void theOwnExportStreamsAZip() throws Exception {
        MvcResult started = mvc.perform(get("/api/v1/accounts/" + ME + "/export").with(user()))
                .andExpect(request().asyncStarted())
                .andReturn();
        mvc.perform(asyncDispatch(started))
                .andExpect(status().isOk())
                .andExpect(content().contentType("application/zip"));
        verify(export).write(eq(ME), any(OutputStream.class));
    }

    @Test
    void anotherPersonsExportIsRefusedAndAudited() throws Exception {
        mvc.perform(get("/api/v1/accounts/" + OTHER + "/export").with(user()))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.field").value("accountId"))
                .andExpect(jsonPath("$.detail").value("you can only ask for your own account's export"));
        verify(audit).record(eq(AuditLog.Kind.REFUSED), eq(OTHER), isNull(), eq(ME), anyString());
        verifyNoInteractions(export);
    }

    @Test
    void anAccountIdThatIsNotANumberIsNamed() throws Exception {
        mvc.perform(get("/api/v1/accounts/mine/export").with(user()))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.field").value("accountId"))
                .andExpect(jsonPath("$.detail").value(containsString("'accountId' must be a whole number")));
        verifyNoInteractions(export);
    }

    @Test
    void deletionOfTheOwnAccountIsAcceptedWithThePurgeDate() throws Exception {
        when(accounts.requestDeletion(ME, "my password", Duration.ofDays(30))).thenReturn(Instant.parse("2026-12-31T12:00:00Z"));
        mvc.perform(delete("/api/v1/accounts/" + ME).with(user()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"password\":\"my password\"}"))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.purgeAt").value("2026-12-31T12:00:00Z"));
        verify(accounts).requestDeletion(ME, "my password", Duration.ofDays(30));
        verify(audit).record(eq(AuditLog.Kind.ACCOUNT_DELETION_REQUESTED), eq(ME), isNull(), eq(ME), anyString());
    }

    @Test
    void deletionOfAnotherPersonsAccountIsRefused() throws Exception {
        mvc.perform(delete("/api/v1/accounts/" + OTHER).with(user()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"password\":\"my password\"}"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.field").value("accountId"));
        verify(accounts, never()).requestDeletion(anyLong(), any(), any());
    }

    @Test
    void aDeletionBodyOfTheWrongShapeIsNamed() throws Exception {
        mvc.perform(delete("/api/v1/accounts/" + ME).with(user()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"password\": [1, 2]}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.field").value("password"));
        verify(accounts, never()).requestDeletion(anyLong(), any(), any());
    }
}
