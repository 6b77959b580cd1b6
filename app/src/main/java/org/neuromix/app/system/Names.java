package org.neuromix.app.system;

/**
 * The one place where names from outside are cleaned: session names, account names, token
 * labels and uploaded file names (and typed paragraphs: requests, notices, answers).
 *
 * <p>Invisible format characters (Unicode category Cf) are removed everywhere: the bidirectional
 * controls U+202A–U+202E, U+2066–U+2069, U+200E, U+200F and U+061C would let {@code
 * "…\u202Evaw.exe.wav"} display as a WAV file, and zero-width spaces or U+FEFF make names that
 * look alike differ. U+200C and U+200D stay: Persian, Indic scripts and emoji sequences need them.
 * Unpaired surrogates are removed too. Control characters (Cc, and the line and paragraph
 * separators) are refused in names a person types, and dropped from file names, which come from a
 * file system.
 */
public final class Names {
    private static final int ZERO_WIDTH_NON_JOINER = 0x200C;
    private static final int ZERO_WIDTH_JOINER = 0x200D;

    private Names() {
    }

    /**
     * A typed name, cleaned: invisible format characters removed, outer whitespace stripped.
     *
     * @param field     the field named in a refusal
     * @param what      how the message calls it ("the session name")
     * @param raw       as received; null or blank gives {@code fallback}
     * @param maxLength most characters (UTF-16 units, as the database columns count them)
     * @param fallback  the name when none is given; null to refuse an empty name
     */
    public static String typed(String field, String what, String raw, int maxLength, String fallback) {
        String name = withoutInvisible(raw == null ? "" : raw).strip();
        if (name.codePoints().anyMatch(Names::isControl)) {
            throw new InvalidInputException(field, what + " must not contain control characters (such as NUL, a tab or a"
                    + " line break)");
        }
        if (name.isEmpty()) {
            if (fallback == null) {
                throw new InvalidInputException(field, "give " + what + " (1 to " + maxLength + " characters)");
            }
            return fallback;
        }
        if (name.length() > maxLength) {
            throw new InvalidInputException(field, what + " must have at most " + maxLength + " characters");
        }
        return name;
    }

    /**
     * Typed text of several lines (a description, an answer), cleaned like a name except that line
     * breaks (normalised to {@code \n}) and tabs are kept.
     *
     * @param required false to accept an empty text (given back as "")
     */
    public static String paragraphs(String field, String what, String raw, int maxLength, boolean required) {
        String text = withoutInvisible(raw == null ? "" : raw).replace("\r\n", "\n").replace('\r', '\n').strip();
        if (text.codePoints().anyMatch(c -> c != '\n' && c != '\t' && isControl(c))) {
            throw new InvalidInputException(field, what + " must not contain control characters (such as NUL)");
        }
        if (text.isEmpty() && required) {
            throw new InvalidInputException(field, "give " + what + " (1 to " + maxLength + " characters)");
        }
        if (text.length() > maxLength) {
            throw new InvalidInputException(field, what + " must have at most " + maxLength + " characters");
        }
        return text;
    }

    /** An uploaded file's name as shown: no folders, no control or format characters, at most {@code maxLength}. */
    public static String fileName(String raw, int maxLength) {
        String name = raw == null ? "" : raw.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1);
        StringBuilder kept = new StringBuilder(name.length());
        withoutInvisible(name).codePoints().filter(c -> !isControl(c)).forEach(kept::appendCodePoint);
        name = kept.toString().strip();
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            return "upload";
        }
        if (name.length() > maxLength) {
            // Never cut a character given as two UTF-16 units in half.
            int end = Character.isHighSurrogate(name.charAt(maxLength - 1)) ? maxLength - 1 : maxLength;
            name = name.substring(0, end);
        }
        return name;
    }

    private static String withoutInvisible(String text) {
        StringBuilder kept = new StringBuilder(text.length());
        text.codePoints().filter(c -> !isInvisible(c)).forEach(kept::appendCodePoint);
        return kept.toString();
    }

    private static boolean isInvisible(int codePoint) {
        int type = Character.getType(codePoint);
        if (type == Character.FORMAT) {
            return codePoint != ZERO_WIDTH_NON_JOINER && codePoint != ZERO_WIDTH_JOINER;
        }
        return type == Character.SURROGATE; // only unpaired ones reach here: pairs come as one code point
    }

    private static boolean isControl(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.CONTROL || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
    }
}
