package org.neuromix.app.account.web;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.neuromix.app.web.Signed.user;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import org.junit.jupiter.api.Test;
import org.neuromix.app.account.AccountService;
import org.neuromix.app.system.InvalidInputException;
import org.neuromix.app.web.WebSlice;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** The pages anyone may open, with the real headers (CSP) and CSRF on their forms. */
@WebMvcTest(controllers = PublicPages.class)
@WebSlice
class PublicPagesSliceTest {
    @Autowired
    MockMvc mvc;
    @MockitoBean
    AccountService accounts;

    @Test
    void theOpenPagesRenderForAnyoneWithTheContentSecurityPolicy() throws Exception {
        for (String page : new String[] {"/", "/login", "/signup", "/forgot", "/reset", "/privacy", "/terms"}) {
            mvc.perform(get(page))
                    .andExpect(status().isOk())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
                    .andExpect(header().string("Content-Security-Policy", containsString("script-src 'self'")));
        }
        mvc.perform(get("/privacy"))
                .andExpect(view().name("privacy"))
                .andExpect(model().attribute("originals", "deleted as soon as processing completes (or fails for good)"))
                .andExpect(model().attribute("answerWithin", "30 days"));
    }

    @Test
    void theLandingPageSendsASignedInPersonToTheDashboard() throws Exception {
        mvc.perform(get("/").with(user())).andExpect(status().isFound()).andExpect(redirectedUrl("/dashboard"));
    }

    @Test
    void signUpPassesTheFormOn() throws Exception {
        when(accounts.requiresVerification()).thenReturn(true);
        mvc.perform(post("/signup").with(csrf()).param("name", "Mia").param("email", "mia@example.com")
                        .param("password", "correct horse battery").param("adult", "true")
                        .param("acceptedPolicyVersion", "2026-11-01"))
                .andExpect(status().isOk())
                .andExpect(view().name("message"))
                .andExpect(model().attribute("heading", "Check your email"));
        verify(accounts).signUp(new AccountService.SignUp("Mia", "mia@example.com", "correct horse battery", true, "2026-11-01"));
    }

    @Test
    void aRefusedSignUpShowsTheFormAgainWithTheReasonAndWhatWasTyped() throws Exception {
        doThrow(new InvalidInputException("adult", "NeuroMix is for adults (18 or over)")).when(accounts).signUp(any());
        mvc.perform(post("/signup").with(csrf()).param("name", "Kid").param("email", "kid@example.com")
                        .param("password", "correct horse battery"))
                .andExpect(view().name("signup"))
                .andExpect(model().attribute("error", "NeuroMix is for adults (18 or over)"))
                .andExpect(model().attribute("email", "kid@example.com"))
                .andExpect(content().string(containsString("NeuroMix is for adults (18 or over)")));
        verify(accounts).signUp(new AccountService.SignUp("Kid", "kid@example.com", "correct horse battery", false, null));
    }

    @Test
    void anAdultValueThatIsNotTrueOrFalseIsNamed() throws Exception {
        mvc.perform(post("/signup").with(csrf()).param("adult", "yes please"))
                .andExpect(status().isBadRequest())
                .andExpect(view().name("message"))
                .andExpect(model().attribute("field", "adult"))
                .andExpect(model().attribute("text", "'adult' must be true or false, was 'yes please'"));
        verify(accounts, never()).signUp(any());
    }

    @Test
    void formsWithoutTheTokenAreRefused() throws Exception {
        mvc.perform(post("/signup").param("email", "mia@example.com")).andExpect(status().isForbidden());
        mvc.perform(post("/forgot").param("email", "mia@example.com")).andExpect(status().isForbidden());
        mvc.perform(post("/reset").param("token", "t").param("password", "p")).andExpect(status().isForbidden());
        verify(accounts, never()).signUp(any());
        verify(accounts, never()).forgotPassword(any());
        verify(accounts, never()).resetPassword(any(), any());
    }

    @Test
    void verificationAndPasswordReset() throws Exception {
        when(accounts.verify("good")).thenReturn(true);
        mvc.perform(get("/verify").param("token", "good")).andExpect(model().attribute("heading", "Address confirmed"));
        mvc.perform(get("/verify").param("token", "used")).andExpect(model().attribute("heading", "This link does not work"));
        mvc.perform(post("/forgot").with(csrf()).param("email", "mia@example.com"))
                .andExpect(status().isOk())
                .andExpect(model().attribute("heading", "Check your email"));
        verify(accounts).forgotPassword("mia@example.com");
        when(accounts.resetPassword("good", "a new long password")).thenReturn(true);
        mvc.perform(post("/reset").with(csrf()).param("token", "good").param("password", "a new long password"))
                .andExpect(model().attribute("heading", "Password changed"));
        mvc.perform(post("/reset").with(csrf()).param("token", "used").param("password", "a new long password"))
                .andExpect(model().attribute("heading", "This link does not work"));
        when(accounts.resetPassword("good", "short")).thenThrow(new InvalidInputException("password", "at least 12 characters"));
        mvc.perform(post("/reset").with(csrf()).param("token", "good").param("password", "short"))
                .andExpect(view().name("reset"))
                .andExpect(model().attribute("error", "at least 12 characters"))
                .andExpect(model().attribute("token", "good"));
    }
}
