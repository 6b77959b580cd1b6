package org.neuromix.app.admin.web;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.neuromix.app.web.Signed.ADMIN_ID;
import static org.neuromix.app.web.Signed.admin;
import static org.neuromix.app.web.Signed.support;
import static org.neuromix.app.web.Signed.user;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import org.junit.jupiter.api.Test;
import org.neuromix.app.privacy.GuardianDeletions;
import org.neuromix.app.system.InvalidInputException;
import org.neuromix.app.system.NotFoundException;
import org.neuromix.app.web.WebSlice;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** ADMIN only: a guardian's deletion, carried out at once with the admin's id for the audit log. */
@WebMvcTest(controllers = GuardianDeletionPage.class)
@WebSlice
class GuardianDeletionPageSliceTest {
    @Autowired
    MockMvc mvc;
    @MockitoBean
    GuardianDeletions deletions;

    static MockHttpServletRequestBuilder deletion(String accountId) {
        return post("/admin/accounts/" + accountId + "/guardian-deletion").param("confirmEmail", "kid@example.com")
                .param("reason", "rights request #12 from the parent");
    }

    @Test
    void anAdminDeletesAtOnceAsThemselves() throws Exception {
        mvc.perform(deletion("30").with(admin()).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
                .andExpect(view().name("message"))
                .andExpect(model().attribute("heading", "Account deleted"))
                .andExpect(model().attribute("text", containsString("Account 30 ")));
        verify(deletions).deleteNow(30, "kid@example.com", "rights request #12 from the parent", ADMIN_ID);
    }

    @Test
    void supportAndUsersAreRefused() throws Exception {
        mvc.perform(deletion("30").with(support()).with(csrf())).andExpect(status().isForbidden());
        mvc.perform(deletion("30").with(user()).with(csrf())).andExpect(status().isForbidden());
        mvc.perform(deletion("30").with(csrf())).andExpect(status().isFound()).andExpect(redirectedUrl("/login"));
        verifyNoInteractions(deletions);
    }

    @Test
    void withoutTheFormTokenNothingIsDeleted() throws Exception {
        mvc.perform(deletion("30").with(admin())).andExpect(status().isForbidden());
        verifyNoInteractions(deletions);
    }

    @Test
    void anAccountIdThatIsNotANumberIsNamed() throws Exception {
        mvc.perform(deletion("kid@example.com").with(admin()).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(view().name("message"))
                .andExpect(model().attribute("field", "accountId"))
                .andExpect(model().attribute("text", containsString("'accountId' must be a whole number")));
        verifyNoInteractions(deletions);
    }

    @Test
    void aMistypedConfirmationIsNamedAndAnUnknownAccountIsNotFound() throws Exception {
        doThrow(new InvalidInputException("confirmEmail", "type the account's email address to confirm the deletion"))
                .when(deletions).deleteNow(30, "kid@example.com", "rights request #12 from the parent", ADMIN_ID);
        mvc.perform(deletion("30").with(admin()).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(model().attribute("field", "confirmEmail"))
                .andExpect(model().attribute("text", "type the account's email address to confirm the deletion"));
        doThrow(new NotFoundException("account")).when(deletions).deleteNow(anyLong(), any(), any(), anyLong());
        mvc.perform(deletion("31").with(admin()).with(csrf()))
                .andExpect(status().isNotFound())
                .andExpect(model().attribute("heading", "Not found"));
    }
}
