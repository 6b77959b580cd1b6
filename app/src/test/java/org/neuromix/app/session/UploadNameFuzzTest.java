package org.neuromix.app.session;

import java.util.List;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import org.neuromix.app.system.InvalidInputException;

/**
 * Multipart file names come from the client: whatever the name, the shown name holds no folders,
 * control, bidi or other invisible format characters and at most 200 characters (or is refused
 * naming the file field), and the stem name the engine sees is file-system safe and unique.
 */
class UploadNameFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void namesAreCleanOrRefused(FuzzedDataProvider data) {
        String raw = data.consumeRemainingAsString();
        String shown;
        try {
            shown = SessionService.displayName(raw);
        } catch (InvalidInputException refused) {
            return;
        }
        if (shown.codePointCount(0, shown.length()) > 200 || shown.isEmpty()) {
            throw new AssertionError("length " + shown.length() + ": " + shown);
        }
        for (int i = 0; i < shown.length(); ) {
            int c = shown.codePointAt(i);
            int type = Character.getType(c);
            // Zero-width (non-)joiners are format characters that scripts need (Persian, Indic, emoji): kept on purpose.
            boolean joiner = c == 0x200C || c == 0x200D;
            if (Character.isISOControl(c) || (type == Character.FORMAT && !joiner) || type == Character.SURROGATE
                    || c == '/' || c == '\\') {
                throw new AssertionError(String.format("U+%04X kept in %s", c, shown));
            }
            i += Character.charCount(c);
        }
        String stem = SessionService.stemName(shown, List.of());
        if (!stem.matches("[\\p{L}\\p{N} ._()+-]+") || stem.startsWith(".")) {
            throw new AssertionError("unsafe stem name " + stem);
        }
    }
}
