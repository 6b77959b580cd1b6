package org.neuromix.app.session.web;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.neuromix.app.web.Signed.ME;
import static org.neuromix.app.web.Signed.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.neuromix.app.session.MixSession;
import org.neuromix.app.session.Revision;
import org.neuromix.app.session.RevisionStatus;
import org.neuromix.app.session.SessionFile;
import org.neuromix.app.session.SessionOptions;
import org.neuromix.app.session.SessionService;
import org.neuromix.app.session.Sessions;
import org.neuromix.app.storage.BlobStore;
import org.neuromix.app.storage.SessionKeys;
import org.neuromix.app.storage.WorkFolders;
import org.neuromix.app.system.InvalidInputException;
import org.neuromix.app.system.NotFoundException;
import org.neuromix.app.web.Signed;
import org.neuromix.app.web.WebSlice;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Sessions over the API. Every route asks the service for the session as the caller's
 * ({@code owned(id, ME)}), so another person's is 404; downloads go through the real
 * {@link Downloads} over a mocked store, Range requests included.
 */
@WebMvcTest(controllers = SessionApi.class)
@WebSlice
@Import(Downloads.class)
class SessionApiSliceTest {
    static final byte[] WAV = "RIFF0123WAVEfmt data".getBytes(StandardCharsets.US_ASCII);

    @Autowired
    MockMvc mvc;
    @MockitoBean
    SessionService service;
    @MockitoBean
    Sessions sessions;
    @MockitoBean
    BlobStore store;
    @MockitoBean
    WorkFolders workFolders;

    MixSession mine(boolean completed) {
        MixSession session = Signed.session("s1", ME, completed);
        when(service.owned("s1", ME)).thenReturn(session);
        return session;
    }

    static Revision revision(int number, RevisionStatus status) {
        Instant at = Instant.parse("2026-11-30T09:05:00Z");
        return new Revision("s1", number, status, "{\"version\":1}", null, "{\"loudness\":{}}", "revision " + number, null, at,
                status == RevisionStatus.COMPLETED ? at : null);
    }

    @Test
    void theListIsTheCallersPage() throws Exception {
        when(sessions.page(ME, "rock", 10, 10)).thenReturn(List.of(Signed.session("s1", ME, true)));
        when(sessions.count(ME, "rock")).thenReturn(11);
        mvc.perform(get("/api/v1/sessions").param("page", "1").param("size", "10").param("q", " rock ").with(user()))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.items[0].id").value("s1"))
                .andExpect(jsonPath("$.items[0].status").value("completed"))
                .andExpect(jsonPath("$.total").value(11));
        verify(sessions).page(ME, "rock", 10, 10);
    }

    @Test
    void pagingParametersOfTheWrongTypeOrRangeAreNamed() throws Exception {
        mvc.perform(get("/api/v1/sessions").param("page", "first").with(user()))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.field").value("page"))
                .andExpect(jsonPath("$.detail").value("'page' must be a whole number from -2147483648 to 2147483647, was 'first'"));
        mvc.perform(get("/api/v1/sessions").param("size", "0").with(user()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("size"));
        mvc.perform(get("/api/v1/sessions").param("page", "-1").with(user()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("page"));
        verify(sessions, never()).page(anyLong(), any(), anyInt(), anyInt());
    }

    @Test
    void anonymousGetsA401ProblemAndTouchesNothing() throws Exception {
        mvc.perform(get("/api/v1/sessions")).andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get("/api/v1/sessions/s1/mix.wav")).andExpect(status().isUnauthorized());
        mvc.perform(delete("/api/v1/sessions/s1")).andExpect(status().isUnauthorized());
        verifyNoInteractions(service, sessions, store);
    }

    @Test
    void aNewSessionIsTheCallersWithTheOptionsSent() throws Exception {
        when(service.create(eq(ME), eq("Song"), any())).thenReturn(Signed.session("new", ME, false));
        mvc.perform(post("/api/v1/sessions").with(user()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"Song\",\"target\":\"spotify\",\"style\":\"rock\",\"intensity\":70}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.id").value("new"));
        verify(service).create(eq(ME), eq("Song"), argThat((SessionOptions o) -> "spotify".equals(o.target())
                && "rock".equals(o.style()) && o.intensity() == 70));
    }

    @Test
    void aNewSessionWithAFieldOfTheWrongTypeOrAnotherMediaTypeIsAProblem() throws Exception {
        mvc.perform(post("/api/v1/sessions").with(user()).contentType(MediaType.APPLICATION_JSON).content("{\"intensity\":\"loud\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.field").value("intensity"));
        // Refused while choosing the handler (consumes = JSON): the status is sent here and the body is
        // ErrorEndpoint's, on the container's error dispatch (ErrorEndpointSliceTest), which MockMvc does not make.
        mvc.perform(post("/api/v1/sessions").with(user()).contentType(MediaType.TEXT_PLAIN).content("Song"))
                .andExpect(status().isUnsupportedMediaType());
        verify(service, never()).create(anyLong(), any(), any());
    }

    @Test
    void anotherPersonsSessionIsNotFoundOnEveryRoute() throws Exception {
        when(service.owned("theirs", ME)).thenThrow(new NotFoundException("session"));
        for (var request : List.of(get("/api/v1/sessions/theirs"), post("/api/v1/sessions/theirs/start"),
                get("/api/v1/sessions/theirs/plan"), get("/api/v1/sessions/theirs/report"),
                get("/api/v1/sessions/theirs/mix.wav"), delete("/api/v1/sessions/theirs"),
                delete("/api/v1/sessions/theirs/files/f1"),
                put("/api/v1/sessions/theirs/plan").contentType(MediaType.APPLICATION_JSON).content("{}"))) {
            mvc.perform(request.with(user()))
                    .andExpect(status().isNotFound())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.detail").value("session not found"));
        }
        verify(service, never()).start(any());
        verify(service, never()).delete(any());
        verify(service, never()).revise(any(), any(), any());
        verifyNoInteractions(store);
    }

    @Test
    void theCallersSessionWithFilesAndRevisions() throws Exception {
        mine(true);
        when(service.options(any())).thenReturn(SessionOptions.defaults());
        when(sessions.revisions("s1")).thenReturn(List.of(revision(1, RevisionStatus.COMPLETED)));
        mvc.perform(get("/api/v1/sessions/s1").with(user()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value("s1"))
                .andExpect(jsonPath("$.status").value("completed"))
                .andExpect(jsonPath("$.revisions[0].status").value("completed"));
        verify(service).owned("s1", ME);
    }

    @Test
    void uploadsGoToTheCallersSession() throws Exception {
        MixSession session = mine(false);
        SessionFile stored = new SessionFile("f1", "s1", "stem", "Kick.wav", "Kick.wav", 4, 1.0, 44_100, 1, "wav",
                Instant.parse("2026-12-01T12:00:00Z"), null, null, null);
        when(service.upload(eq(session), eq("stem"), eq("Kick.wav"), eq(4L), any(InputStream.class))).thenReturn(stored);
        mvc.perform(multipart("/api/v1/sessions/s1/files").file(new MockMultipartFile("file", "Kick.wav", "audio/wav",
                        new byte[] {1, 2, 3, 4})).with(user()))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.files[0].id").value("f1"))
                .andExpect(jsonPath("$.refused").isEmpty());
        mvc.perform(multipart("/api/v1/sessions/s1/files").param("kind", "stem").with(user()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("file"));
    }

    @Test
    void startIsAccepted() throws Exception {
        MixSession session = mine(false);
        mvc.perform(post("/api/v1/sessions/s1/start").with(user()))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.id").value("s1"));
        verify(service).start(session);
    }

    @Test
    void anEditedPlanIsPassedOnAndARefusalNamesTheField() throws Exception {
        MixSession session = mine(true);
        when(service.revise(session, "{\"version\":1,\"tracks\":[]}", null)).thenReturn(2);
        mvc.perform(put("/api/v1/sessions/s1/plan").with(user()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"version\":1,\"tracks\":[]}"))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.revision").value(2));
        when(service.revise(session, "{\"lowPass\":1}", null)).thenThrow(new InvalidInputException("tracks[2].eq",
                "the first render's highPass at 80 Hz cannot be removed or changed in a revision"));
        mvc.perform(put("/api/v1/sessions/s1/plan").with(user()).contentType(MediaType.APPLICATION_JSON).content("{\"lowPass\":1}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.field").value("tracks[2].eq"))
                .andExpect(jsonPath("$.detail").value(containsString("cannot be removed")));
        mvc.perform(put("/api/v1/sessions/s1/plan").with(user()).contentType(MediaType.TEXT_PLAIN).content("{}"))
                .andExpect(status().isUnsupportedMediaType());
    }

    @Test
    void aRevisionNumberOfTheWrongTypeOrBelowOneIsNamed() throws Exception {
        mine(true);
        mvc.perform(get("/api/v1/sessions/s1/plan").param("revision", "last").with(user()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("revision"))
                .andExpect(jsonPath("$.detail").value(containsString("'revision' must be a whole number")));
        mvc.perform(get("/api/v1/sessions/s1/report").param("revision", "0").with(user()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("revision"))
                .andExpect(jsonPath("$.detail").value("revision must be 1 or more, was 0"));
    }

    @Test
    void theReportAndPlanOfACompletedRevision() throws Exception {
        mine(true);
        when(sessions.revisions("s1")).thenReturn(List.of(revision(1, RevisionStatus.COMPLETED)));
        when(sessions.revision("s1", 1)).thenReturn(Optional.of(revision(1, RevisionStatus.COMPLETED)));
        mvc.perform(get("/api/v1/sessions/s1/report").with(user()))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(content().json("{\"loudness\":{}}"));
        mvc.perform(get("/api/v1/sessions/s1/plan").param("revision", "1").with(user()))
                .andExpect(status().isOk())
                .andExpect(content().json("{\"version\":1}"));
    }

    @Test
    void noMixBeforeCompletionIsAConflict() throws Exception {
        mine(false);
        mvc.perform(get("/api/v1/sessions/s1/mix.wav").with(user()))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.field").value("revision"))
                .andExpect(jsonPath("$.detail").value("no completed mix yet (status draft)"));
        verifyNoInteractions(store);
    }

    @Test
    void theMixStreamsFromTheStoreWithRanges() throws Exception {
        mine(true);
        String key = SessionKeys.mix("s1", 1);
        when(sessions.revisions("s1")).thenReturn(List.of(revision(1, RevisionStatus.COMPLETED)));
        when(sessions.revision("s1", 1)).thenReturn(Optional.of(revision(1, RevisionStatus.COMPLETED)));
        when(store.exists(key)).thenReturn(true);
        when(store.size(key)).thenReturn((long) WAV.length);
        when(store.open(key)).thenAnswer(i -> new ByteArrayInputStream(WAV));
        when(store.open(key, 4L)).thenAnswer(i -> new ByteArrayInputStream(Arrays.copyOfRange(WAV, 4, WAV.length)));
        mvc.perform(get("/api/v1/sessions/s1/mix.wav").with(user()))
                .andExpect(status().isOk())
                .andExpect(content().contentType("audio/wav"))
                .andExpect(header().string("Content-Disposition", containsString("attachment")))
                .andExpect(content().bytes(WAV));
        mvc.perform(get("/api/v1/sessions/s1/mix.wav").header("Range", "bytes=4-7").with(user()))
                .andExpect(status().isPartialContent())
                .andExpect(header().string("Content-Range", "bytes 4-7/" + WAV.length))
                .andExpect(content().bytes("0123".getBytes(StandardCharsets.US_ASCII)));
        verify(store).open(key, 4L);
    }

    @Test
    void aMixFormatThatDoesNotExistIsNamed() throws Exception {
        mine(true);
        when(sessions.revisions("s1")).thenReturn(List.of(revision(1, RevisionStatus.COMPLETED)));
        when(sessions.revision("s1", 1)).thenReturn(Optional.of(revision(1, RevisionStatus.COMPLETED)));
        mvc.perform(get("/api/v1/sessions/s1/mix.wav").param("format", "8").with(user()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("format"))
                .andExpect(jsonPath("$.detail").value("format must be 24, 16, 32 (float WAV), flac or mp3, was '8'"));
        // MP3 stops at 48 kHz: a clear refusal naming the rate, not an encoder failure.
        mvc.perform(get("/api/v1/sessions/s1/mix").param("format", "mp3").param("rate", "96000").with(user()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("rate"));
        mvc.perform(get("/api/v1/sessions/s1/mix").param("format", "flac").param("rate", "12345").with(user()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("rate"));
        verify(store, never()).open(anyString());
    }

    @Test
    void deletingTheCallersSessionAndFile() throws Exception {
        MixSession session = mine(false);
        mvc.perform(delete("/api/v1/sessions/s1/files/f1").with(user())).andExpect(status().isNoContent());
        verify(service).removeFile(session, "f1");
        mvc.perform(delete("/api/v1/sessions/s1").with(user())).andExpect(status().isNoContent());
        verify(service).delete(session);
        verify(service, never()).revise(any(), any(), isNull());
    }
}
