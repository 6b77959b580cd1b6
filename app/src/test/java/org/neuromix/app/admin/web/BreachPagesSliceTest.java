package org.neuromix.app.admin.web;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.neuromix.app.web.Signed.ADMIN_ID;
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

import java.util.List;

import org.junit.jupiter.api.Test;
import org.neuromix.app.privacy.BreachNotices;
import org.neuromix.app.web.WebSlice;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** ADMIN records a breach: a dry run lists, "notify" records and sends; the form's fields are checked and named. */
@WebMvcTest(controllers = BreachPages.class)
@WebSlice
class BreachPagesSliceTest {
    @Autowired
    MockMvc mvc;
    @Autowired
    BreachNotices breaches;

    /** The form as an admin fills it in; {@code overrides} are name, value pairs that replace a field. */
    static MockHttpServletRequestBuilder form(String action, String... overrides) {
        java.util.Map<String, String> fields = new java.util.LinkedHashMap<>();
        fields.put("whatHappened", "A backup was copied by someone outside");
        fields.put("happenedFrom", "2026-11-30T14:05Z");
        fields.put("happenedTo", "");
        fields.put("dataConcerned", "names and email addresses");
        fields.put("likelyConsequences", "phishing emails");
        fields.put("measuresTaken", "the backup key was rotated");
        fields.put("contact", "dpo@example.com");
        fields.put("selection", "all");
        fields.put("action", action);
        for (int i = 0; i < overrides.length; i += 2) {
            fields.put(overrides[i], overrides[i + 1]);
        }
        MockHttpServletRequestBuilder request = post("/admin/breaches");
        fields.forEach(request::param);
        return request;
    }

    static BreachNotices.Incident incident() {
        return BreachNotices.Incident.of("A backup was copied by someone outside", "2026-11-30T14:05Z", "",
                "names and email addresses", "phishing emails", "the backup key was rotated", "dpo@example.com", "all", null, null);
    }

    @Test
    void thePageIsForAdminsOnly() throws Exception {
        mvc.perform(get("/admin/breaches").with(admin()))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
                .andExpect(view().name("breaches"));
        verify(breaches).recorded(BreachPages.INCIDENTS_SHOWN);
        mvc.perform(get("/admin/breaches").with(support())).andExpect(status().isForbidden());
        mvc.perform(get("/admin/breaches").with(user())).andExpect(status().isForbidden());
        mvc.perform(form("notify").with(support()).with(csrf())).andExpect(status().isForbidden());
        mvc.perform(get("/admin/breaches")).andExpect(status().isFound()).andExpect(redirectedUrl("/login"));
        verify(breaches, never()).notifyAffected(any(), any());
    }

    @Test
    void aDryRunListsWhoWouldBeNotifiedAsTheAdmin() throws Exception {
        when(breaches.dryRun(incident(), ADMIN_ID)).thenReturn(List.of(new BreachNotices.Recipient(7, "Mia", "mia@example.com")));
        mvc.perform(form("dry-run").with(admin()).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(view().name("breaches"))
                .andExpect(model().attribute("selectionDescribed", "all accounts"))
                .andExpect(content().string(containsString("mia@example.com")));
        verify(breaches).dryRun(incident(), ADMIN_ID);
        verify(breaches, never()).notifyAffected(any(), any());
    }

    @Test
    void notifyRecordsTheIncidentAsTheAdmin() throws Exception {
        when(breaches.notifyAffected(incident(), ADMIN_ID)).thenReturn(new BreachNotices.Notified(12, 3));
        mvc.perform(form("notify").with(admin()).with(csrf()))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/admin/breaches"))
                .andExpect(flash().attribute("notice", containsString("Incident #12 recorded")));
        verify(breaches).notifyAffected(incident(), ADMIN_ID);
    }

    @Test
    void aMissingOrMalformedFieldIsNamedAndNothingIsSent() throws Exception {
        mvc.perform(form("notify", "whatHappened", "").with(admin()).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(view().name("breaches"))
                .andExpect(model().attribute("errorField", "whatHappened"));
        mvc.perform(form("notify", "happenedFrom", "yesterday").with(admin()).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(model().attribute("errorField", "happenedFrom"))
                .andExpect(model().attribute("error", containsString("is not a time")));
        mvc.perform(form("notify", "selection", "some").with(admin()).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(model().attribute("errorField", "selection"));
        mvc.perform(form("delete-everything").with(admin()).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(model().attribute("errorField", "action"))
                .andExpect(model().attribute("error", "the action is 'dry-run' or 'notify'"));
        verify(breaches, never()).notifyAffected(any(), any());
        verify(breaches, never()).dryRun(any(), eq(ADMIN_ID));
    }

    @Test
    void withoutTheFormTokenNothingIsSent() throws Exception {
        mvc.perform(form("notify").with(admin()))
                .andExpect(status().isForbidden());
        verify(breaches, never()).notifyAffected(any(), any());
    }
}
