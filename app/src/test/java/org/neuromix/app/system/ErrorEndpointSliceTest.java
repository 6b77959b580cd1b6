package org.neuromix.app.system;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import java.util.List;

import jakarta.servlet.RequestDispatcher;

import org.junit.jupiter.api.Test;
import org.neuromix.app.web.WebSlice;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.security.web.csrf.MissingCsrfTokenException;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.HttpMediaTypeNotSupportedException;

/**
 * {@code /error}, as the servlet container forwards to it (MockMvc makes no error dispatch, so the
 * forward's request attributes are set by hand): problem JSON for the API and for a script asking
 * for JSON, the error page with the reason for a browser; never an exception's internals.
 */
@WebMvcTest(controllers = ErrorEndpoint.class)
@WebSlice
class ErrorEndpointSliceTest {
    @Autowired
    MockMvc mvc;

    static MockHttpServletRequestBuilder forwarded(int status, String uri, Throwable exception) {
        MockHttpServletRequestBuilder request = get("/error").requestAttr(RequestDispatcher.ERROR_STATUS_CODE, status)
                .requestAttr(RequestDispatcher.ERROR_REQUEST_URI, uri);
        return exception == null ? request : request.requestAttr(RequestDispatcher.ERROR_EXCEPTION, exception);
    }

    @Test
    void anApiRefusalBeforeTheControllerIsAProblemForTheAddressAsked() throws Exception {
        mvc.perform(forwarded(415, "/api/v1/sessions",
                        new HttpMediaTypeNotSupportedException(MediaType.TEXT_PLAIN, List.of(MediaType.APPLICATION_JSON))))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(415))
                .andExpect(jsonPath("$.instance").value("/api/v1/sessions"))
                .andExpect(jsonPath("$.detail").value("the Content-Type 'text/plain' is not taken here; send [application/json]"));
    }

    @Test
    void aBrowserGetsTheErrorPageWithTheReason() throws Exception {
        mvc.perform(forwarded(404, "/nowhere", null).accept(MediaType.TEXT_HTML))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
                .andExpect(view().name("error"))
                .andExpect(model().attribute("status", 404))
                .andExpect(model().attribute("reason", "there is nothing at this address"))
                .andExpect(content().string(containsString("There is nothing here, or it is not yours.")));
    }

    @Test
    void aCsrfRefusalOnAPageSaysWhatToDo() throws Exception {
        mvc.perform(forwarded(403, "/sessions/s1/start", null)
                        .requestAttr(Problems.EXCEPTION_ATTRIBUTE, new MissingCsrfTokenException("none"))
                        .accept(MediaType.TEXT_HTML))
                .andExpect(status().isForbidden())
                .andExpect(view().name("error"))
                .andExpect(model().attribute("reason", containsString("security token is missing or has expired")))
                .andExpect(content().string(containsString("reload the page and try again")));
        mvc.perform(forwarded(403, "/sessions/s1/files", null)
                        .requestAttr(Problems.EXCEPTION_ATTRIBUTE, new MissingCsrfTokenException("none"))
                        .accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(containsString("security token")));
    }

    @Test
    void anUnexpectedExceptionKeepsItsInternalsToItself() throws Exception {
        IllegalStateException internal = new IllegalStateException("connection to jdbc:postgresql://db:5432/neuromix refused");
        mvc.perform(forwarded(500, "/api/v1/sessions/s1", internal))
                .andExpect(status().isInternalServerError())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("something went wrong on the server; it has been logged"))
                .andExpect(content().string(not(containsString("postgresql"))));
        mvc.perform(forwarded(500, "/dashboard", internal).accept(MediaType.TEXT_HTML))
                .andExpect(status().isInternalServerError())
                .andExpect(model().attribute("reason", "something went wrong on the server; it has been logged"))
                .andExpect(content().string(not(containsString("postgresql"))));
    }

    @Test
    void theStatusAlreadySentWinsAndTheReasonIsKept() throws Exception {
        mvc.perform(forwarded(400, "/api/v1/sessions/s1/files", new InvalidInputException("file", "the file is not audio", 422)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.detail").value("the file is not audio"))
                .andExpect(jsonPath("$.field").value("file"));
    }
}
