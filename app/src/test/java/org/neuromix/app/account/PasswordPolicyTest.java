package org.neuromix.app.account;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.neuromix.app.system.InvalidInputException;

/** The password rules, without the service around them. */
class PasswordPolicyTest {
    private static final String EMAIL = "ann.lee@example.com";

    private static String refusal(String password) {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> PasswordPolicy.check(password, "password", EMAIL, "Ann Lee"), password);
        assertEquals("password", e.field());
        return e.getMessage();
    }

    @Test
    void commonPasswordsAndSimplePatternsAreRefused() {
        for (String common : new String[] {"aaaaaaaaaa", "1234567890", "password12", "qwertyuiop", "iloveyou123", "letmein123"}) {
            assertTrue(refusal(common).contains("too easy to guess"), common);
        }
        assertTrue(refusal(" ".repeat(10)).contains("only spaces"));
    }

    @Test
    void theAccountsOwnEmailAndItsLocalPartAreRefused() {
        assertTrue(refusal(EMAIL).contains("email"));
        assertTrue(refusal("ANN.LEE@EXAMPLE.COM").contains("email"));
        assertTrue(refusal("ann.lee").contains("characters"), "7 characters");
        assertTrue(refusal("ann.lee2024").contains("too easy to guess"), "the local part with a year");
    }

    @Test
    void lengthCountsCodePointsNotUtf16Units() {
        String fiveEmoji = "\uD83C\uDFB5".repeat(5); // 10 UTF-16 units, 5 characters
        assertTrue(refusal(fiveEmoji).contains("10 to 200 characters"));
        assertTrue(refusal("x".repeat(201)).contains("10 to 200 characters"));
    }

    @Test
    void ordinaryPassphrasesPass() {
        for (String fine : new String[] {"correct horse battery", "a brand new password", "mysong2024!", "Tr0ub4dor&3",
                "\uD83C\uDFB5".repeat(3) + " violin cello tuba"}) {
            assertDoesNotThrow(() -> PasswordPolicy.check(fine, "password", EMAIL, "Ann Lee"), fine);
        }
    }
}
