package org.neuromix.app.storage;

/**
 * The one owner of the store's key layout. A session's files:
 * <pre>
 * sessions/{id}/originals/{fileId}            uploads, deleted once processing completes
 * sessions/{id}/output/sum.wav                 the loudness-matched plain sum (A/B)
 * sessions/{id}/output/sources/...             the revision sources (what later revisions render from)
 * sessions/{id}/output/separated/...           the stems separated from a one-file stereo upload
 * sessions/{id}/output/preview/track-N-from-S.opus  the live preview's excerpts of the revision sources
 * sessions/{id}/output/r{n}/mix.wav            the mix of revision n (and its converted variants)
 * sessions/{id}/output/r{n}/stems/...          its processed stems
 * sessions/{id}/output/r{n}/reaper.zip         its REAPER session (made on first download)
 * </pre>
 */
public final class SessionKeys {
    private SessionKeys() {
    }

    /** Everything of the session. */
    public static String session(String sessionId) {
        return "sessions/" + requireId(sessionId);
    }

    public static String originals(String sessionId) {
        return session(sessionId) + "/originals";
    }

    public static String original(String sessionId, String fileId) {
        return originals(sessionId) + "/" + requireId(fileId);
    }

    /** The mixed audio: deleted when the output period ends. */
    public static String output(String sessionId) {
        return session(sessionId) + "/output";
    }

    public static String mix(String sessionId, int revision) {
        return output(sessionId) + "/r" + revision + "/mix.wav";
    }

    /** The mix converted to another sample format ({@code "16"}, {@code "32f"}); made on first download. */
    /** Another version of a revision's mix (word length, codec, rate), e.g. {@code mix-16-44100.wav}. */
    public static String mixVariant(String sessionId, int revision, String variant, String extension) {
        return output(sessionId) + "/r" + revision + "/mix-" + variant + "." + extension;
    }

    public static String stems(String sessionId, int revision) {
        return output(sessionId) + "/r" + revision + "/stems";
    }

    /** The revision as a REAPER session: project file and its audio, zipped (made when first asked for). */
    public static String reaper(String sessionId, int revision) {
        return output(sessionId) + "/r" + revision + "/reaper.zip";
    }

    public static String sum(String sessionId) {
        return output(sessionId) + "/sum.wav";
    }

    /** The stems separated from a one-file stereo upload, as the splitter made them (a download). */
    public static String separated(String sessionId) {
        return output(sessionId) + "/separated";
    }

    /** A compact excerpt of one revision source for the page's live preview, from {@code fromSeconds} (made when first asked for). */
    public static String preview(String sessionId, int trackIndex, int fromSeconds) {
        return output(sessionId) + "/preview/track-" + trackIndex + "-from-" + fromSeconds + ".opus";
    }

    public static String sources(String sessionId) {
        return output(sessionId) + "/sources";
    }

    /** The last part of a key: the file name a download or a zip entry gets. */
    public static String fileName(String key) {
        return key.substring(key.lastIndexOf('/') + 1);
    }

    static String requireId(String id) {
        if (id == null || id.isEmpty() || !id.matches("[A-Za-z0-9-]+")) {
            throw new IllegalArgumentException("bad storage id");
        }
        return id;
    }
}
