package org.neuromix.engine.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Roles in a musician's words, with the article English wants ("an organ", not "a organ"). */
class RoleWordsTest {
    @Test
    void plainWordsWithTheRightArticle() {
        assertEquals("an organ", Role.ORGAN.withArticle());
        assertEquals("an electric guitar", Role.ELECTRIC_GUITAR.withArticle());
        assertEquals("an acoustic guitar", Role.ACOUSTIC_GUITAR.withArticle());
        assertEquals("a lead vocal", Role.LEAD_VOCAL.withArticle());
        assertEquals("hi-hat and cymbals", Role.HI_HAT_CYMBALS.withArticle());
        assertEquals("drum kit (overheads)", Role.DRUMS_OVERHEADS.words());
        for (Role role : Role.values()) {
            assertFalse(role.words().matches(".*[a-z][A-Z].*"), "no code names: " + role.words());
            assertTrue(role.withArticle().endsWith(role.words()));
        }
    }
}
