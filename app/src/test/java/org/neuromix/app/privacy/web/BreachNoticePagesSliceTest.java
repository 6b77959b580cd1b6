package org.neuromix.app.privacy.web;

import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.neuromix.app.web.Signed.ME;
import static org.neuromix.app.web.Signed.user;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.neuromix.app.privacy.BreachNotices;
import org.neuromix.app.web.WebSlice;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** The breach notices page: only the caller's notices, and only the caller's can be marked read. */
@WebMvcTest(controllers = BreachNoticePages.class)
@WebSlice
class BreachNoticePagesSliceTest {
    @Autowired
    MockMvc mvc;
    @Autowired
    BreachNotices breaches;

    static BreachNotices.Notice notice(long incidentId) {
        Instant at = Instant.parse("2026-11-30T10:00:00Z");
        return new BreachNotices.Notice(incidentId, at, "A backup was copied", at, at, "email addresses", "phishing",
                "keys rotated", "dpo@example.com", at, null);
    }

    @Test
    void showsTheCallersNotices() throws Exception {
        when(breaches.of(ME)).thenReturn(List.of(notice(5)));
        mvc.perform(get("/account/breach-notices").with(user()))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
                .andExpect(view().name("breach-notices"))
                .andExpect(model().attribute("notices", List.of(notice(5))))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("A backup was copied")));
        verify(breaches).of(ME);
    }

    @Test
    void marksTheCallersNoticeRead() throws Exception {
        when(breaches.markSeen(5, ME)).thenReturn(true);
        mvc.perform(post("/account/breach-notices/5/seen").with(user()).with(csrf()))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/account/breach-notices"))
                .andExpect(flash().attribute("notice", "Thank you for reading the notice."));
        verify(breaches).markSeen(5, ME);
    }

    @Test
    void anotherPersonsNoticeIsNotFound() throws Exception {
        when(breaches.markSeen(9, ME)).thenReturn(false);
        when(breaches.of(ME)).thenReturn(List.of(notice(5)));
        mvc.perform(post("/account/breach-notices/9/seen").with(user()).with(csrf()))
                .andExpect(status().isNotFound())
                .andExpect(view().name("message"))
                .andExpect(model().attribute("heading", "Not found"));
    }

    @Test
    void anAlreadyReadNoticeOfTheCallerIsNoError() throws Exception {
        when(breaches.markSeen(5, ME)).thenReturn(false);
        when(breaches.of(ME)).thenReturn(List.of(notice(5)));
        mvc.perform(post("/account/breach-notices/5/seen").with(user()).with(csrf()))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/account/breach-notices"))
                .andExpect(flash().attributeCount(0));
    }

    @Test
    void aNoticeIdThatIsNotANumberIsNamed() throws Exception {
        mvc.perform(post("/account/breach-notices/first/seen").with(user()).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(view().name("message"))
                .andExpect(model().attribute("field", "incidentId"))
                .andExpect(model().attribute("text", org.hamcrest.Matchers.containsString("'incidentId' must be a whole number")));
        verify(breaches, never()).markSeen(anyLong(), anyLong());
    }

    @Test
    void withoutTheFormTokenNothingIsMarked() throws Exception {
        mvc.perform(post("/account/breach-notices/5/seen").with(user()))
                .andExpect(status().isForbidden());
        mvc.perform(post("/account/breach-notices/5/seen").with(user()).accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("security token")));
        verify(breaches, never()).markSeen(anyLong(), anyLong());
    }

    @Test
    void anonymousIsSentToSignIn() throws Exception {
        mvc.perform(get("/account/breach-notices"))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/login"));
        mvc.perform(post("/account/breach-notices/5/seen").with(csrf()))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/login"));
        verify(breaches, never()).of(anyLong());
    }
}
