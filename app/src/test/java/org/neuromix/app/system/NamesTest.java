package org.neuromix.app.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Names lose what hides or disguises them; control characters in typed names get a clear refusal. */
class NamesTest {
    @Test
    void bidiControlsAndOtherFormatCharactersAreStripped() {
        // U+202A–U+202E, U+2066–U+2069, U+200E/U+200F, U+061C, zero-width space, BOM.
        String disguised = "a\u202Ab\u202Bc\u202Cd\u202De\u202Ef\u2066g\u2067h\u2068i\u2069j\u200Ek\u200Fl\u061Cm\u200Bn\uFEFFo";
        assertEquals("abcdefghijklmno", Names.typed("name", "the name", disguised, 200, null));
        assertEquals("snarevaw.exe.wav", Names.fileName("snare\u202Evaw.exe.wav", 200));
    }

    @Test
    void joinersThatScriptsAndEmojiNeedStay() {
        String family = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67"; // man, ZWJ, woman, ZWJ, girl
        assertEquals(family, Names.typed("name", "the name", family, 200, null));
        assertEquals("می\u200Cخواهم", Names.typed("name", "the name", "می\u200Cخواهم", 200, null));
    }

    @Test
    void controlCharactersAreRefusedInTypedNamesAndDroppedFromFileNames() {
        for (String bad : new String[] {"a\u0000b", "line\nbreak", "tab\there", "sep\u2028arator"}) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> Names.typed("name", "the session name",
                    bad, 200, "Untitled"));
            assertEquals("name", e.field());
            assertTrue(e.getMessage().contains("control characters"), e.getMessage());
        }
        assertEquals("kick.wav", Names.fileName("C:\\stems\\ki\u0000ck\n.wav", 200));
        assertEquals("upload", Names.fileName("\u202E\u0000", 200));
    }

    @Test
    void lengthEmptinessAndCutsAreExplicit() {
        assertEquals("Untitled", Names.typed("name", "the session name", " \u200B ", 200, "Untitled"));
        assertThrows(InvalidInputException.class, () -> Names.typed("name", "your name", "   ", 200, null));
        InvalidInputException tooLong = assertThrows(InvalidInputException.class,
                () -> Names.typed("name", "the session name", "x".repeat(201), 200, null));
        assertTrue(tooLong.getMessage().contains("at most 200"), tooLong.getMessage());
        String cut = Names.fileName("x".repeat(199) + "\uD83C\uDFB5.wav", 200);
        assertEquals("x".repeat(199), cut, "a surrogate pair is never cut in half");
    }

    @Test
    void paragraphsKeepLineBreaksAndTabsButNotOtherControlsOrDisguises() {
        assertEquals("first line\nsecond\tline\nthird", Names.paragraphs("details", "the details",
                "  first line\r\nsecond\tline\r\u202Ethird  ", 100, true));
        InvalidInputException nul = assertThrows(InvalidInputException.class, () -> Names.paragraphs("details", "the details",
                "a\u0000b", 100, true));
        assertEquals("details", nul.field());
        assertTrue(nul.getMessage().contains("control characters"), nul.getMessage());
        assertEquals("", Names.paragraphs("note", "the note", " \n ", 100, false));
        assertTrue(assertThrows(InvalidInputException.class, () -> Names.paragraphs("note", "the note", " \n ", 100, true))
                .getMessage().startsWith("give the note"));
        assertTrue(assertThrows(InvalidInputException.class, () -> Names.paragraphs("note", "the note", "x".repeat(101), 100, true))
                .getMessage().contains("at most 100"));
    }
}
