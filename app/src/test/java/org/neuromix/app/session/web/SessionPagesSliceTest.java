package org.neuromix.app.session.web;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.neuromix.app.web.Signed.ME;
import static org.neuromix.app.web.Signed.user;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.neuromix.app.privacy.SupportGrants;
import org.neuromix.app.session.MixSession;
import org.neuromix.app.session.Revision;
import org.neuromix.app.session.RevisionStatus;
import org.neuromix.app.session.SessionOptions;
import org.neuromix.app.session.SessionService;
import org.neuromix.app.session.Sessions;
import org.neuromix.app.storage.BlobStore;
import org.neuromix.app.storage.SessionKeys;
import org.neuromix.app.storage.WorkFolders;
import org.neuromix.app.system.NotFoundException;
import org.neuromix.app.web.Signed;
import org.neuromix.app.web.WebSlice;
import org.neuromix.engine.plan.MixPlanJson;
import org.neuromix.engine.plan.MixPlans;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The dashboard and session pages: the caller's sessions only (another's is the "Not found" page),
 * CSRF on every form, form values checked and named on the message page; the uploader and the
 * progress poller get JSON.
 */
@WebMvcTest(controllers = SessionPages.class)
@WebSlice
@Import(Downloads.class)
class SessionPagesSliceTest {
    @Autowired
    MockMvc mvc;
    @MockitoBean
    SessionService service;
    @MockitoBean
    Sessions sessions;
    @MockitoBean
    SupportGrants grants;
    @MockitoBean
    BlobStore store;
    @MockitoBean
    WorkFolders workFolders;

    /** A report as the pipeline writes it (the parts the page shows), with a platform name that tries to end the script block. */
    static final String REPORT = "{\"loudness\":{\"integratedLufs\":-14.1,\"loudnessRangeLu\":6.0,\"truePeakDbtp\":-1.2},"
            + "\"target\":{\"loudnessLufs\":-14,\"truePeakDbtp\":-1},\"stereo\":{\"width\":0.4},"
            + "\"platforms\":[{\"platform\":\"</script><script>alert(1)</script>\",\"referenceLufs\":-14,\"ceilingDbtp\":-1,"
            + "\"turnDownDb\":0.1,\"truePeakOk\":true}]}";

    MixSession mine(boolean completed) {
        MixSession session = Signed.session("s1", ME, completed);
        when(service.owned("s1", ME)).thenReturn(session);
        when(service.options(session)).thenReturn(SessionOptions.defaults());
        when(service.now()).thenReturn(Instant.parse(WebSlice.NOW));
        return session;
    }

    /** Revision 1, completed, with a neutral plan of two stems. */
    Revision firstRevision() throws Exception {
        String plan = MixPlanJson.write(MixPlans.neutralTemplate(List.of("Kick.wav", "Gtr.wav")));
        Instant at = Instant.parse("2026-11-30T09:05:00Z");
        Revision revision = new Revision("s1", 1, RevisionStatus.COMPLETED, plan, null, REPORT, "the AI's mix", null,
                at, at);
        when(sessions.revision("s1", 1)).thenReturn(Optional.of(revision));
        when(sessions.revisions("s1")).thenReturn(List.of(revision));
        return revision;
    }

    @Test
    void theDashboardListsTheCallersSessions() throws Exception {
        when(service.now()).thenReturn(Instant.parse(WebSlice.NOW));
        when(sessions.count(ME, "rock")).thenReturn(1);
        when(sessions.page(ME, "rock", 0, SessionPages.PAGE_SIZE)).thenReturn(List.of(Signed.session("s1", ME, true)));
        mvc.perform(get("/dashboard").param("q", "rock").with(user()))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
                .andExpect(view().name("dashboard"))
                .andExpect(model().attribute("q", "rock"))
                .andExpect(content().string(containsString("Song s1")))
                .andExpect(content().string(containsString("in 5 days")));
        verify(sessions).page(ME, "rock", 0, SessionPages.PAGE_SIZE);
    }

    @Test
    void aDashboardPageThatIsNotANumberOrATooLongSearchIsNamed() throws Exception {
        mvc.perform(get("/dashboard").param("page", "next").with(user()))
                .andExpect(status().isBadRequest())
                .andExpect(view().name("message"))
                .andExpect(model().attribute("field", "page"))
                .andExpect(model().attribute("text", containsString("'page' must be a whole number")));
        mvc.perform(get("/dashboard").param("q", "x".repeat(201)).with(user()))
                .andExpect(status().isBadRequest())
                .andExpect(model().attribute("field", "q"))
                .andExpect(model().attribute("text", "search at most 200 characters"));
        verify(sessions, never()).page(anyLong(), any(), anyInt(), anyInt());
    }

    @Test
    void anonymousIsSentToSignIn() throws Exception {
        mvc.perform(get("/dashboard")).andExpect(status().isFound()).andExpect(redirectedUrl("/login"));
        mvc.perform(get("/sessions/s1")).andExpect(status().isFound()).andExpect(redirectedUrl("/login"));
        mvc.perform(post("/sessions/s1/start").with(csrf())).andExpect(status().isFound()).andExpect(redirectedUrl("/login"));
        verifyNoInteractions(service, sessions);
    }

    @Test
    void aNewSessionIsTheCallers() throws Exception {
        mvc.perform(get("/sessions/new").with(user()))
                .andExpect(status().isOk())
                .andExpect(view().name("new-session"));
        when(service.create(eq(ME), eq("Song"), any())).thenReturn(Signed.session("new", ME, false));
        mvc.perform(post("/sessions").param("name", "Song").param("target", "apple").param("intensity", "80")
                        .with(user()).with(csrf()))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/sessions/new"));
        verify(service).create(eq(ME), eq("Song"), argThat((SessionOptions o) -> "apple".equals(o.target())
                && o.intensity() == 80));
    }

    @Test
    void anIntensityThatIsNotANumberIsNamed() throws Exception {
        mvc.perform(post("/sessions").param("name", "Song").param("intensity", "loud").with(user()).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(view().name("message"))
                .andExpect(model().attribute("field", "intensity"))
                .andExpect(model().attribute("text", "intensity must be a number from 0 to 100"));
        verify(service, never()).create(anyLong(), any(), any());
    }

    @Test
    void formsWithoutTheTokenAreRefused() throws Exception {
        mine(true);
        mvc.perform(post("/sessions").param("name", "Song").with(user())).andExpect(status().isForbidden());
        mvc.perform(post("/sessions/s1/start").with(user())).andExpect(status().isForbidden());
        mvc.perform(post("/sessions/s1/delete").with(user())).andExpect(status().isForbidden());
        mvc.perform(post("/sessions/s1/revisions").param("gain0", "3").with(user())).andExpect(status().isForbidden());
        verify(service, never()).create(anyLong(), any(), any());
        verify(service, never()).start(any());
        verify(service, never()).delete(any());
        verify(service, never()).revise(any(), any(), any());
    }

    @Test
    void theCallersSessionPage() throws Exception {
        mine(false);
        mvc.perform(get("/sessions/s1").with(user()))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
                .andExpect(view().name("session"))
                .andExpect(content().string(containsString("Song s1")));
        verify(service).owned("s1", ME);
    }

    @Test
    void aCompletedSessionPageShowsItsPlan() throws Exception {
        mine(true);
        firstRevision();
        mvc.perform(get("/sessions/s1").with(user()))
                .andExpect(status().isOk())
                .andExpect(model().attribute("shown", 1))
                .andExpect(content().string(containsString("Gtr.wav")))
                .andExpect(content().string(containsString("-14.1")))
                .andExpect(content().string(org.hamcrest.Matchers.not(containsString("<script>alert(1)"))));
    }

    @Test
    void anotherPersonsSessionIsTheNotFoundPage() throws Exception {
        when(service.owned("theirs", ME)).thenThrow(new NotFoundException("session"));
        mvc.perform(get("/sessions/theirs").with(user()))
                .andExpect(status().isNotFound())
                .andExpect(view().name("message"))
                .andExpect(model().attribute("heading", "Not found"));
        mvc.perform(post("/sessions/theirs/delete").with(user()).with(csrf())).andExpect(status().isNotFound());
        mvc.perform(post("/sessions/theirs/start").with(user()).with(csrf())).andExpect(status().isNotFound());
        mvc.perform(get("/sessions/theirs/mix.wav").with(user())).andExpect(status().isNotFound());
        mvc.perform(get("/sessions/theirs/status").with(user()).accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        verify(service, never()).delete(any());
        verify(service, never()).start(any());
        verifyNoInteractions(store);
    }

    @Test
    void aRevisionParameterOfTheWrongTypeOrBelowOneIsNamed() throws Exception {
        mine(true);
        mvc.perform(get("/sessions/s1").param("revision", "latest").with(user()))
                .andExpect(status().isBadRequest())
                .andExpect(model().attribute("field", "revision"));
        mvc.perform(get("/sessions/s1").param("revision", "0").with(user()))
                .andExpect(status().isBadRequest())
                .andExpect(model().attribute("field", "revision"))
                .andExpect(model().attribute("text", "revision must be 1 or more, was 0"));
        mvc.perform(get("/sessions/s1/mix.wav").param("inline", "sometimes").with(user()))
                .andExpect(status().isBadRequest())
                .andExpect(model().attribute("field", "inline"));
    }

    @Test
    void theProgressPollerGetsJson() throws Exception {
        mine(true);
        mvc.perform(get("/sessions/s1/status").with(user()).accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.status").value("completed"))
                .andExpect(jsonPath("$.progress").value(100));
    }

    @Test
    void anUploadWithoutAFileIsAProblemForTheUploader() throws Exception {
        mine(false);
        mvc.perform(multipart("/sessions/s1/files").param("kind", "stem").with(user()).with(csrf())
                        .accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.field").value("file"));
        verify(service, never()).upload(any(), any(), any(), anyLong(), any());
    }

    @Test
    void startAndDeleteAreTheCallers() throws Exception {
        MixSession session = mine(false);
        mvc.perform(post("/sessions/s1/start").with(user()).with(csrf()))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/sessions/s1"));
        verify(service).start(session);
        mvc.perform(post("/sessions/s1/delete").with(user()).with(csrf()))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/dashboard"))
                .andExpect(flash().attribute("notice", "Session deleted."));
        verify(service).delete(session);
    }

    @Test
    void aRevisionFromTheFormIsRenderedAsTheUsersEdit() throws Exception {
        MixSession session = mine(true);
        firstRevision();
        when(service.revise(eq(session), anyString(), eq("louder kick"))).thenReturn(2);
        mvc.perform(post("/sessions/s1/revisions").param("gain0", "3").param("note", "louder kick").with(user()).with(csrf()))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/sessions/s1"))
                .andExpect(flash().attribute("notice", "Revision 2 is rendering."));
        verify(service).revise(eq(session), argThat(plan -> plan.contains("set by you (the AI chose 0.0 dB)")), eq("louder kick"));
    }

    @Test
    void revisionFormValuesOutOfRangeOrNotNumbersAreNamed() throws Exception {
        mine(true);
        firstRevision();
        mvc.perform(post("/sessions/s1/revisions").param("gain0", "loud").with(user()).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(view().name("message"))
                .andExpect(model().attribute("field", "gain0"))
                .andExpect(model().attribute("text", "gain0 must be a number, was 'loud'"));
        mvc.perform(post("/sessions/s1/revisions").param("pan1", "2").with(user()).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(model().attribute("field", "pan1"))
                .andExpect(model().attribute("text", "pan1 must be between -1.0 and 1.0"));
        mvc.perform(post("/sessions/s1/revisions").param("target", "the moon").with(user()).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(model().attribute("field", "target"));
        verify(service, never()).revise(any(), any(), any());
    }

    @Test
    void aVersionKindThatDoesNotExistOrAPlanWithoutVocalsIsNamed() throws Exception {
        mine(true);
        firstRevision();
        mvc.perform(post("/sessions/s1/versions/karaoke").with(user()).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(model().attribute("field", "kind"))
                .andExpect(model().attribute("text", "kind must be instrumental or acapella"));
        mvc.perform(post("/sessions/s1/versions/instrumental").with(user()).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(model().attribute("field", "kind"))
                .andExpect(model().attribute("text", containsString("no vocal track")));
        verify(service, never()).revise(any(), any(), any());
    }

    @Test
    void thePlayerGetsTheMixInline() throws Exception {
        mine(true);
        firstRevision();
        byte[] wav = "RIFF....WAVE".getBytes(StandardCharsets.US_ASCII);
        String key = SessionKeys.mix("s1", 1);
        when(store.exists(key)).thenReturn(true);
        when(store.size(key)).thenReturn((long) wav.length);
        when(store.open(key)).thenAnswer(i -> new ByteArrayInputStream(wav));
        mvc.perform(get("/sessions/s1/mix.wav").param("inline", "true").with(user()))
                .andExpect(status().isOk())
                .andExpect(content().contentType("audio/wav"))
                .andExpect(header().string("Content-Disposition", containsString("inline")))
                .andExpect(content().bytes(wav));
        mvc.perform(get("/sessions/s1/plan.json").with(user()))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", "attachment; filename=\"plan-r1.json\""))
                .andExpect(content().string(containsString("Kick.wav")));
    }
}
