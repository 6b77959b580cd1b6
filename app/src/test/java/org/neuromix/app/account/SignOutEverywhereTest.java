package org.neuromix.app.account;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.neuromix.app.testing.ApiClient;
import org.neuromix.app.testing.BrowserLike;
import org.neuromix.app.testing.Mails;
import org.neuromix.app.testing.ServiceTest;

/**
 * Signing out means everywhere: a password change signs out every other browser (the one that
 * changed it stays), a reset and a deletion sign out all of them.
 */
class SignOutEverywhereTest extends ServiceTest {
    private BrowserLike signedIn(String email, String password) {
        BrowserLike browser = new BrowserLike(base());
        browser.signIn(email, password);
        assertTrue(signedIn(browser), "signed in");
        return browser;
    }

    private static boolean signedIn(BrowserLike browser) {
        return browser.get("/dashboard").contains("<h1>Your sessions</h1>");
    }

    @Test
    void aPasswordChangeSignsOutTheOtherBrowsers() throws Exception {
        ApiClient me = newUser("Uma");
        BrowserLike laptop = signedIn(me.email(), PASSWORD);
        BrowserLike phone = signedIn(me.email(), PASSWORD);
        laptop.postForm("/account/password", Map.of("currentPassword", PASSWORD, "newPassword", "a different long secret"));
        assertTrue(signedIn(laptop), "the browser that changed it stays signed in");
        assertFalse(signedIn(phone), "the other browser is signed out");
        assertTrue(me.get("/api/v1/sessions").status() == 401, "and the API tokens are revoked");
    }

    @Test
    void signOutOtherDevicesKeepsOnlyThisBrowser() throws Exception {
        ApiClient me = newUser("Ola");
        BrowserLike laptop = signedIn(me.email(), PASSWORD);
        BrowserLike phone = signedIn(me.email(), PASSWORD);
        BrowserLike tablet = signedIn(me.email(), PASSWORD);
        assertTrue(laptop.postForm("/account/sign-out-others", Map.of()).contains("2 other browsers were signed out."));
        assertTrue(signedIn(laptop));
        assertFalse(signedIn(phone));
        assertFalse(signedIn(tablet));
        assertTrue(laptop.postForm("/account/sign-out-others", Map.of()).contains("No other browser was signed in."));
    }

    @Test
    void aResetSignsOutEveryBrowser() throws Exception {
        ApiClient me = newUser("Vera");
        BrowserLike laptop = signedIn(me.email(), PASSWORD);
        BrowserLike forgetful = new BrowserLike(base());
        forgetful.postForm("/forgot", Map.of("email", me.email()));
        String link = Mails.link(Mails.latest(MAIL, me.email(), "Reset your NeuroMix password"), "/reset");
        String token = link.substring(link.indexOf("token=") + 6);
        assertTrue(forgetful.postForm("/reset", Map.of("token", token, "password", "a brand new password")).contains("Password changed"));
        assertFalse(signedIn(laptop), "whoever was signed in with the old password is out");
    }

    @Test
    void deletingTheAccountSignsOutEveryBrowser() throws Exception {
        ApiClient me = newUser("Wim");
        BrowserLike laptop = signedIn(me.email(), PASSWORD);
        BrowserLike phone = signedIn(me.email(), PASSWORD);
        assertTrue(laptop.postForm("/account/delete", Map.of("password", PASSWORD)).contains("deactivated"));
        assertFalse(signedIn(phone), "the second browser can no longer act for a deleted account");
        assertFalse(signedIn(laptop));
    }
}
