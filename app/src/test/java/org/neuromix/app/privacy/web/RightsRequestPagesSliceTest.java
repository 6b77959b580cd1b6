package org.neuromix.app.privacy.web;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.neuromix.app.web.Signed.ME;
import static org.neuromix.app.web.Signed.user;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.neuromix.app.privacy.RightsRequests;
import org.neuromix.app.system.InvalidInputException;
import org.neuromix.app.web.WebSlice;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** The rights request form: open to anyone; a signed-in request carries the person's account id. */
@WebMvcTest(controllers = RightsRequestPages.class)
@WebSlice
class RightsRequestPagesSliceTest {
    @Autowired
    MockMvc mvc;
    @MockitoBean
    RightsRequests requests;

    static RightsRequests.Request request(long id, Long accountId) {
        Instant received = Instant.parse("2026-12-01T12:00:00Z");
        return new RightsRequests.Request(id, RightsRequests.Kind.DELETION, "person7@example.com", accountId, false, "all of it",
                RightsRequests.Status.OPEN, received, Instant.parse("2026-12-31T12:00:00Z"), received, null, null, null, null);
    }

    @Test
    void theFormIsOpenToAnyone() throws Exception {
        mvc.perform(get("/privacy/requests").param("kind", "deletion"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
                .andExpect(view().name("rights-request"))
                .andExpect(model().attribute("kind", "deletion"))
                .andExpect(model().attribute("answerWithin", "30 days"));
    }

    @Test
    void aForChildValueThatIsNotTrueOrFalseIsNamed() throws Exception {
        mvc.perform(get("/privacy/requests").param("forChild", "maybe"))
                .andExpect(status().isBadRequest())
                .andExpect(view().name("message"))
                .andExpect(model().attribute("field", "forChild"))
                .andExpect(model().attribute("text", "'forChild' must be true or false, was 'maybe'"));
    }

    @Test
    void anAnonymousRequestCarriesNoAccountAndAsksToConfirmTheAddress() throws Exception {
        mvc.perform(post("/privacy/requests").with(csrf()).param("kind", "access").param("email", "a@example.com")
                        .param("details", "everything").param("forChild", "true"))
                .andExpect(status().isOk())
                .andExpect(view().name("message"))
                .andExpect(model().attribute("heading", "Check your email"));
        verify(requests).submit("access", "a@example.com", "everything", true, null);
    }

    @Test
    void aSignedInRequestCarriesTheCallersAccountId() throws Exception {
        when(requests.submit("deletion", "person7@example.com", "all of it", false, ME)).thenReturn(Optional.of(request(3, ME)));
        mvc.perform(post("/privacy/requests").with(user()).with(csrf()).param("kind", "deletion")
                        .param("email", "person7@example.com").param("details", "all of it"))
                .andExpect(status().isOk())
                .andExpect(model().attribute("heading", "Request received"))
                .andExpect(model().attribute("text", containsString("#3")));
        verify(requests).submit("deletion", "person7@example.com", "all of it", false, ME);
    }

    @Test
    void anInvalidRequestShowsTheFormAgainWithTheReason() throws Exception {
        when(requests.submit("refund", "a@example.com", null, false, null))
                .thenThrow(new InvalidInputException("kind", "the kind is access, correction, deletion or objection"));
        mvc.perform(post("/privacy/requests").with(csrf()).param("kind", "refund").param("email", "a@example.com"))
                .andExpect(status().isBadRequest())
                .andExpect(view().name("rights-request"))
                .andExpect(model().attribute("error", "the kind is access, correction, deletion or objection"))
                .andExpect(model().attribute("email", "a@example.com"))
                .andExpect(content().string(containsString("the kind is access, correction, deletion or objection")));
    }

    @Test
    void withoutTheFormTokenNothingIsSubmitted() throws Exception {
        mvc.perform(post("/privacy/requests").param("kind", "access").param("email", "a@example.com"))
                .andExpect(status().isForbidden());
        verify(requests, never()).submit(any(), any(), any(), anyBoolean(), any());
    }

    @Test
    void theConfirmationLink() throws Exception {
        when(requests.verify("good")).thenReturn(Optional.of(request(4, null)));
        mvc.perform(get("/privacy/requests/verify").param("token", "good"))
                .andExpect(status().isOk())
                .andExpect(model().attribute("heading", "Request confirmed"))
                .andExpect(model().attribute("text", containsString("#4")));
        mvc.perform(get("/privacy/requests/verify").param("token", "used"))
                .andExpect(status().isOk())
                .andExpect(model().attribute("heading", "This link does not work"));
    }
}
