package org.neuromix.app.admin.web;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.neuromix.app.web.Signed.ADMIN_ID;
import static org.neuromix.app.web.Signed.SUPPORT_ID;
import static org.neuromix.app.web.Signed.admin;
import static org.neuromix.app.web.Signed.support;
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

import org.junit.jupiter.api.Test;
import org.neuromix.app.privacy.RightsRequests;
import org.neuromix.app.system.InvalidInputException;
import org.neuromix.app.system.NotFoundException;
import org.neuromix.app.web.WebSlice;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** SUPPORT and ADMIN answer and close rights requests; each view and answer carries the staff member's id. */
@WebMvcTest(controllers = RightsRequestStaffPages.class)
@WebSlice
class RightsRequestStaffPagesSliceTest {
    @Autowired
    MockMvc mvc;
    @MockitoBean
    RightsRequests requests;

    static RightsRequests.Request request(long id) {
        Instant received = Instant.parse("2026-11-20T12:00:00Z");
        return new RightsRequests.Request(id, RightsRequests.Kind.ACCESS, "mia@example.com", 7L, false, "a copy please",
                RightsRequests.Status.OPEN, received, Instant.parse("2026-12-20T12:00:00Z"), received, null, null, null, null);
    }

    @Test
    void theListIsForStaff() throws Exception {
        when(requests.notClosed()).thenReturn(List.of(request(3)));
        mvc.perform(get("/support/requests").with(support()))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
                .andExpect(view().name("rights-requests"))
                .andExpect(model().attribute("requests", List.of(request(3))))
                .andExpect(content().string(containsString("mia@example.com")));
        mvc.perform(get("/support/requests").with(admin())).andExpect(status().isOk());
        mvc.perform(get("/support/requests").with(user())).andExpect(status().isForbidden());
        mvc.perform(get("/support/requests")).andExpect(status().isFound()).andExpect(redirectedUrl("/login"));
    }

    @Test
    void viewingARequestIsRecordedWithTheStaffId() throws Exception {
        when(requests.viewedByStaff(3, SUPPORT_ID)).thenReturn(request(3));
        mvc.perform(get("/support/requests/3").with(support()))
                .andExpect(status().isOk())
                .andExpect(view().name("rights-request-staff"))
                .andExpect(content().string(containsString("a copy please")));
        verify(requests).viewedByStaff(3, SUPPORT_ID);
    }

    @Test
    void aUserCannotViewAnswerOrClose() throws Exception {
        mvc.perform(get("/support/requests/3").with(user())).andExpect(status().isForbidden());
        mvc.perform(post("/support/requests/3/answer").param("answer", "here it is").with(user()).with(csrf()))
                .andExpect(status().isForbidden());
        mvc.perform(post("/support/requests/3/close").with(user()).with(csrf())).andExpect(status().isForbidden());
        verifyNoInteractions(requests);
    }

    @Test
    void anUnknownRequestIsNotFoundAndAnIdThatIsNotANumberIsNamed() throws Exception {
        when(requests.viewedByStaff(99, SUPPORT_ID)).thenThrow(new NotFoundException("rights request"));
        mvc.perform(get("/support/requests/99").with(support()))
                .andExpect(status().isNotFound())
                .andExpect(model().attribute("heading", "Not found"));
        mvc.perform(get("/support/requests/latest").with(support()))
                .andExpect(status().isBadRequest())
                .andExpect(view().name("message"))
                .andExpect(model().attribute("field", "id"))
                .andExpect(model().attribute("text", containsString("'id' must be a whole number")));
    }

    @Test
    void answeringAndClosingCarryTheStaffId() throws Exception {
        mvc.perform(post("/support/requests/3/answer").param("answer", "The export is attached.").with(admin()).with(csrf()))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/support/requests/3"))
                .andExpect(flash().attribute("notice", "The answer to request #3 is emailed to the requester."));
        verify(requests).answer(3, "The export is attached.", ADMIN_ID);
        mvc.perform(post("/support/requests/3/close").param("note", "done").with(support()).with(csrf()))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/support/requests"));
        verify(requests).close(3, "done", SUPPORT_ID);
    }

    @Test
    void anEmptyAnswerIsNamed() throws Exception {
        org.mockito.Mockito.doThrow(new InvalidInputException("answer", "write the answer"))
                .when(requests).answer(3, "", SUPPORT_ID);
        mvc.perform(post("/support/requests/3/answer").param("answer", "").with(support()).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(model().attribute("field", "answer"))
                .andExpect(model().attribute("text", "write the answer"));
    }

    @Test
    void withoutTheFormTokenNothingIsAnswered() throws Exception {
        mvc.perform(post("/support/requests/3/answer").param("answer", "here it is").with(support()))
                .andExpect(status().isForbidden());
        mvc.perform(post("/support/requests/3/close").with(support())).andExpect(status().isForbidden());
        verify(requests, never()).answer(anyLong(), any(), anyLong());
        verify(requests, never()).close(anyLong(), any(), anyLong());
    }
}
