package org.neuromix.app.account.web;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.neuromix.app.web.Signed.ME;
import static org.neuromix.app.web.Signed.user;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.neuromix.app.account.Account;
import org.neuromix.app.account.AccountService;
import org.neuromix.app.account.Accounts;
import org.neuromix.app.account.ApiTokens;
import org.neuromix.app.system.InvalidInputException;
import org.neuromix.app.web.Signed;
import org.neuromix.app.web.WebSlice;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** The account page: every change is the signed-in person's; refusals are shown on the page. */
@WebMvcTest(controllers = AccountPage.class)
@WebSlice
class AccountPageSliceTest {
    static final Instant NOW = Instant.parse(WebSlice.NOW);

    @Autowired
    MockMvc mvc;
    @Autowired
    Accounts accounts;
    @Autowired
    ApiTokens tokens;
    @MockitoBean
    AccountService service;

    @Test
    void thePageShowsTheCallersAccountAndTokens() throws Exception {
        when(accounts.byId(ME)).thenReturn(Optional.of(Signed.account(ME, Account.USER)));
        when(tokens.live(ME)).thenReturn(List.of(new ApiTokens.ApiToken(3, "build server", NOW, null)));
        mvc.perform(get("/account").with(user()))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
                .andExpect(view().name("account"))
                .andExpect(model().attribute("grace", "30 days"))
                .andExpect(content().string(containsString("build server")))
                .andExpect(content().string(containsString("person7@example.com")));
        verify(tokens).live(ME);
    }

    @Test
    void anonymousIsSentToSignIn() throws Exception {
        mvc.perform(get("/account")).andExpect(status().isFound()).andExpect(redirectedUrl("/login"));
        mvc.perform(post("/account/name").param("name", "X").with(csrf()))
                .andExpect(status().isFound()).andExpect(redirectedUrl("/login"));
        verify(service, never()).rename(anyLong(), any());
    }

    @Test
    void changesAreTheCallers() throws Exception {
        mvc.perform(post("/account/name").param("name", "Mia K").with(user()).with(csrf()))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/account"))
                .andExpect(flash().attribute("notice", "Name changed."));
        verify(service).rename(ME, "Mia K");
        mvc.perform(post("/account/email").param("email", "new@example.com").with(user()).with(csrf()))
                .andExpect(status().isFound());
        verify(service).changeEmail(ME, "new@example.com");
        mvc.perform(post("/account/password").param("currentPassword", "old one here").param("newPassword", "new one here")
                        .with(user()).with(csrf()))
                .andExpect(status().isFound())
                .andExpect(flash().attribute("notice", "Password changed; every other browser and every API token were signed out."));
        // The browser that asked stays signed in: its own web session is passed on to be kept.
        verify(service).changePassword(eq(ME), eq("old one here"), eq("new one here"), any());
    }

    @Test
    void aRefusedChangeIsShownWithItsReason() throws Exception {
        doThrow(new InvalidInputException("newPassword", "the new password is too easy to guess"))
                .when(service).changePassword(eq(ME), eq("old one here"), eq("password"), any());
        mvc.perform(post("/account/password").param("currentPassword", "old one here").param("newPassword", "password")
                        .with(user()).with(csrf()))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/account"))
                .andExpect(flash().attribute("error", "the new password is too easy to guess"))
                .andExpect(flash().attribute("notice", org.hamcrest.Matchers.nullValue()));
    }

    @Test
    void withoutTheFormTokenNothingChanges() throws Exception {
        mvc.perform(post("/account/name").param("name", "Mallory").with(user())).andExpect(status().isForbidden());
        mvc.perform(post("/account/tokens").param("label", "x").with(user())).andExpect(status().isForbidden());
        verify(service, never()).rename(anyLong(), any());
        verify(tokens, never()).create(anyLong(), any(), any());
    }

    @Test
    void aNewTokenIsTheCallersAndATooLongLabelIsRefused() throws Exception {
        when(tokens.create(ME, "build server", NOW)).thenReturn("nmx_secret");
        mvc.perform(post("/account/tokens").param("label", "build server").with(user()).with(csrf()))
                .andExpect(status().isFound())
                .andExpect(flash().attribute("newToken", "nmx_secret"));
        mvc.perform(post("/account/tokens").param("label", "x".repeat(101)).with(user()).with(csrf()))
                .andExpect(status().isFound())
                .andExpect(flash().attribute("error", containsString("100")));
        verify(tokens).create(ME, "build server", NOW);
        verify(tokens, never()).create(ME, "x".repeat(101), NOW);
    }

    @Test
    void revokingAnotherPersonsTokenIsNotFoundAndABadIdIsNamed() throws Exception {
        when(tokens.revoke(ME, 3, NOW)).thenReturn(true);
        mvc.perform(post("/account/tokens/3/revoke").with(user()).with(csrf()))
                .andExpect(status().isFound())
                .andExpect(flash().attribute("notice", "Token revoked."));
        mvc.perform(post("/account/tokens/4/revoke").with(user()).with(csrf()))
                .andExpect(status().isNotFound())
                .andExpect(view().name("message"))
                .andExpect(model().attribute("heading", "Not found"));
        verify(tokens).revoke(ME, 4, NOW);
        mvc.perform(post("/account/tokens/all/revoke").with(user()).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(model().attribute("field", "tokenId"));
    }
}
