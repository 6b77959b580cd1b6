package org.neuromix.app.account.web;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.neuromix.app.web.Signed.ME;
import static org.neuromix.app.web.Signed.user;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.neuromix.app.account.Account;
import org.neuromix.app.account.AccountAuthenticationProvider;
import org.neuromix.app.account.AccountService;
import org.neuromix.app.account.Accounts;
import org.neuromix.app.account.ApiTokens;
import org.neuromix.app.system.InvalidInputException;
import org.neuromix.app.web.Signed;
import org.neuromix.app.web.WebSlice;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** Policy and sign-up (open), tokens (the caller's own): through the three real security chains. */
@WebMvcTest(controllers = AccountApi.class)
@WebSlice
class AccountApiSliceTest {
    static final Instant NOW = Instant.parse(WebSlice.NOW);

    @Autowired
    MockMvc mvc;
    @Autowired
    ApiTokens tokens;
    @Autowired
    Accounts accountRows;
    @Autowired
    AccountAuthenticationProvider signIn;
    @MockitoBean
    AccountService accounts;

    @Test
    void thePolicyIsOpen() throws Exception {
        mvc.perform(get("/api/v1/policy"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.version").value("2026-11-01"))
                .andExpect(jsonPath("$.lastUpdated").value("2026-11-01"));
    }

    @Test
    void signUpIsOpenAndPassesTheFormOn() throws Exception {
        when(accounts.requiresVerification()).thenReturn(true);
        mvc.perform(post("/api/v1/accounts").contentType(MediaType.APPLICATION_JSON).content(
                        "{\"name\":\"Mia\",\"email\":\"mia@example.com\",\"password\":\"correct horse battery\",\"adult\":true,"
                                + "\"acceptedPolicyVersion\":\"2026-11-01\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value(containsString("check your email")));
        verify(accounts).signUp(new AccountService.SignUp("Mia", "mia@example.com", "correct horse battery", true, "2026-11-01"));
    }

    @Test
    void aRefusedSignUpIsAProblemNamingTheField() throws Exception {
        doThrow(new InvalidInputException("password", "the password is too easy to guess")).when(accounts).signUp(any());
        mvc.perform(post("/api/v1/accounts").contentType(MediaType.APPLICATION_JSON).content("{\"password\":\"password\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.field").value("password"))
                .andExpect(jsonPath("$.detail").value("the password is too easy to guess"));
    }

    @Test
    void aSignUpBodyOfTheWrongShapeOrTypeIsAProblem() throws Exception {
        mvc.perform(post("/api/v1/accounts").contentType(MediaType.APPLICATION_JSON).content("{\"adult\": {\"yes\": 1}}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.field").value("adult"));
        mvc.perform(post("/api/v1/accounts").contentType(MediaType.TEXT_PLAIN).content("name=Mia"))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        verify(accounts, never()).signUp(any());
    }

    @Test
    void theTokenListIsTheCallers() throws Exception {
        when(tokens.live(ME)).thenReturn(List.of(new ApiTokens.ApiToken(3, "laptop", NOW, null)));
        mvc.perform(get("/api/v1/tokens").with(user()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].id").value(3))
                .andExpect(jsonPath("$[0].label").value("laptop"));
        verify(tokens).live(ME);
    }

    @Test
    void aBearerTokenSignsInItsAccount() throws Exception {
        when(tokens.accountOf("nmx_good", NOW)).thenReturn(Optional.of(ME));
        when(accountRows.byId(ME)).thenReturn(Optional.of(Signed.account(ME, Account.USER)));
        mvc.perform(get("/api/v1/tokens").header("Authorization", "Bearer nmx_good"))
                .andExpect(status().isOk());
        verify(tokens).live(ME);
        mvc.perform(get("/api/v1/tokens").header("Authorization", "Bearer nmx_revoked"))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.detail").value(containsString("bearer token is not valid")));
        mvc.perform(get("/api/v1/tokens"))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void httpBasicTradesEmailAndPasswordForATokenOfThatAccount() throws Exception {
        when(signIn.supports(any())).thenReturn(true);
        when(signIn.authenticate(any())).thenReturn(UsernamePasswordAuthenticationToken.authenticated(
                Signed.principal(ME, Account.USER), null, List.of(new SimpleGrantedAuthority("ROLE_USER"))));
        when(tokens.create(ME, "laptop", NOW)).thenReturn("nmx_new");
        mvc.perform(post("/api/v1/tokens").with(httpBasic("person7@example.com", "correct horse battery"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"label\":\"laptop\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.token").value("nmx_new"));
        verify(tokens).create(ME, "laptop", NOW);
    }

    @Test
    void aTokenWithoutCredentialsOrWithABadBodyIsRefused() throws Exception {
        mvc.perform(post("/api/v1/tokens"))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.detail").value("send HTTP Basic email:password"));
        mvc.perform(post("/api/v1/tokens").with(user()).contentType(MediaType.APPLICATION_JSON).content("{\"label\": [1"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("label"));
        verify(tokens, never()).create(anyLong(), any(), any());
    }

    @Test
    void revokingIsTheCallersOwnTokenOnly() throws Exception {
        when(tokens.revoke(ME, 3, NOW)).thenReturn(true);
        mvc.perform(delete("/api/v1/tokens/3").with(user())).andExpect(status().isNoContent());
        verify(tokens).revoke(ME, 3, NOW);
        // Another person's token id: the repository finds nothing of the caller's to revoke.
        mvc.perform(delete("/api/v1/tokens/4").with(user()))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("token not found"));
        mvc.perform(delete("/api/v1/tokens/latest").with(user()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("tokenId"))
                .andExpect(jsonPath("$.detail").value(containsString("'tokenId' must be a whole number")));
    }
}
