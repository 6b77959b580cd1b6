package org.neuromix.app.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.neuromix.app.testing.ApiClient;
import org.neuromix.app.testing.BrowserLike;
import org.neuromix.app.testing.Mails;
import org.neuromix.app.testing.ServiceTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Sign-up, verification, sign-in, tokens, reset — and what bad input and guessing get. */
class AccountFlowTest extends ServiceTest {
    @Autowired
    JdbcClient jdbc;

    private static String email(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    private String signUpJson(String email, boolean adult, String policyVersion, String password) {
        return ApiClient.JSON.writeValueAsString(Map.of("name", "Ann", "email", email, "password", password, "adult", adult,
                "acceptedPolicyVersion", policyVersion));
    }

    private ApiClient.Response basicToken(String email, String password) {
        return api().send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/tokens"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((email + ":" + password)
                        .getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    @Test
    void signUpVerifySignInAndUseTheApi() throws Exception {
        String email = email("ann");
        assertEquals(201, api().post("/api/v1/accounts", signUpJson(email, true, POLICY_VERSION, PASSWORD)).status());
        String hash = jdbc.sql("select password_hash from accounts where email = ?").param(email).query(String.class).single();
        assertTrue(hash.startsWith("$argon2id$"), "Argon2id: " + hash.substring(0, 10));

        ApiClient.Response beforeVerification = basicToken(email, PASSWORD);
        assertEquals(401, beforeVerification.status(), "unverified accounts cannot sign in");

        Mails.followVerificationLink(MAIL, email, api());
        String link = Mails.link(Mails.latest(MAIL, email, "Confirm your email"), "/verify");
        assertTrue(api().get(link).body().contains("does not work"), "a verification link works once");

        ApiClient.Response token = basicToken(email, PASSWORD);
        assertEquals(201, token.status(), token.body());
        ApiClient me = api().withToken(token.json().get("token").asString());
        assertEquals(200, me.get("/api/v1/sessions").status());
        assertEquals(401, api().withToken("nmx_not-a-token").get("/api/v1/sessions").status());
    }

    @Test
    void signUpRefusesMinorsOldPoliciesAndWeakPasswordsNamingTheField() {
        ApiClient.Response minor = api().post("/api/v1/accounts", signUpJson(email("kid"), false, POLICY_VERSION, PASSWORD));
        assertEquals(400, minor.status());
        assertEquals("adult", minor.json().get("field").asString());
        ApiClient.Response oldPolicy = api().post("/api/v1/accounts", signUpJson(email("old"), true, "2020-01-01", PASSWORD));
        assertEquals("acceptedPolicyVersion", oldPolicy.json().get("field").asString());
        ApiClient.Response weak = api().post("/api/v1/accounts", signUpJson(email("weak"), true, POLICY_VERSION, "short"));
        assertEquals("password", weak.json().get("field").asString());
        ApiClient.Response badEmail = api().post("/api/v1/accounts", signUpJson("not-an-address", true, POLICY_VERSION, PASSWORD));
        assertEquals("email", badEmail.json().get("field").asString());
        ApiClient.Response notJson = api().post("/api/v1/accounts", "{\"name\": ");
        assertEquals(400, notJson.status());
        assertEquals("2026-11-01", api().get("/api/v1/policy").json().get("version").asString());
    }

    @Test
    void commonAndPersonalPasswordsAreRefusedAtSignUpChangeAndReset() throws Exception {
        String email = email("pw");
        String localPart = email.substring(0, email.indexOf('@'));
        for (String weak : java.util.List.of(" ".repeat(10), "aaaaaaaaaa", "1234567890", "password12", "qwertyuiop", email,
                localPart, localPart.toUpperCase(java.util.Locale.ROOT), "\uD83D\uDE00".repeat(5))) {
            ApiClient.Response refused = api().post("/api/v1/accounts", signUpJson(email, true, POLICY_VERSION, weak));
            assertEquals(400, refused.status(), "'" + weak + "' → " + refused.body());
            assertEquals("password", refused.json().get("field").asString(), refused.body());
        }
        assertEquals(0, jdbc.sql("select count(*) from accounts where email = ?").param(email).query(Integer.class).single());
        BrowserLike browser = new BrowserLike(base());
        String form = browser.postForm("/signup", Map.of("name", "Ann", "email", email, "password", "password12",
                "adult", "true", "acceptedPolicyVersion", POLICY_VERSION));
        assertTrue(form.contains("too easy to guess"), form);

        assertEquals(201, api().post("/api/v1/accounts", signUpJson(email, true, POLICY_VERSION, PASSWORD)).status());
        Mails.followVerificationLink(MAIL, email, api());
        browser.signIn(email, PASSWORD);
        browser.postForm("/account/password", Map.of("currentPassword", PASSWORD, "newPassword", email));
        assertTrue(browser.lastBody().contains("your email address"), browser.lastBody());
        assertEquals(201, basicToken(email, PASSWORD).status(), "the password is unchanged");

        BrowserLike forgetful = new BrowserLike(base());
        forgetful.postForm("/forgot", Map.of("email", email));
        String link = Mails.link(Mails.latest(MAIL, email, "Reset your NeuroMix password"), "/reset");
        String token = link.substring(link.indexOf("token=") + 6);
        assertTrue(forgetful.postForm("/reset", Map.of("token", token, "password", localPart)).contains("your email address"));
        assertTrue(forgetful.postForm("/reset", Map.of("token", token, "password", "1234567890")).contains("too easy to guess"));
        assertTrue(forgetful.postForm("/reset", Map.of("token", token, "password", "a brand new password"))
                .contains("Password changed"), "a refused password does not use up the link");
    }

    @Test
    void signUpDoesNotRevealWhoHasAnAccount() throws Exception {
        String email = email("taken");
        ApiClient.Response first = api().post("/api/v1/accounts", signUpJson(email, true, POLICY_VERSION, PASSWORD));
        ApiClient.Response second = api().post("/api/v1/accounts", signUpJson(email, true, POLICY_VERSION, "another password 1"));
        assertEquals(first.status(), second.status());
        assertEquals(first.body(), second.body());
        Mails.latest(MAIL, email, "Someone tried to sign up");
        assertEquals(1, jdbc.sql("select count(*) from accounts where email = ?").param(email).query(Integer.class).single());

        ApiClient.Response unknown = basicToken(email("nobody"), PASSWORD);
        ApiClient.Response wrongPassword = basicToken(email, "wrong password here");
        assertEquals(unknown.status(), wrongPassword.status());
        assertEquals(unknown.body(), wrongPassword.body());
    }

    @Test
    void passwordResetLinksWorkOnceAndTheOldPasswordStops() throws Exception {
        String email = email("reset");
        api().post("/api/v1/accounts", signUpJson(email, true, POLICY_VERSION, PASSWORD));
        Mails.followVerificationLink(MAIL, email, api());
        // The form posts need the CSRF token of a browser session: use the page flow through a cookie-keeping client.
        BrowserLike browser = new BrowserLike(base());
        browser.postForm("/forgot", Map.of("email", email));
        String link = Mails.link(Mails.latest(MAIL, email, "Reset your NeuroMix password"), "/reset");
        String token = link.substring(link.indexOf("token=") + 6);
        assertTrue(browser.postForm("/reset", Map.of("token", token, "password", "a brand new password")).contains("Password changed"));
        assertTrue(browser.postForm("/reset", Map.of("token", token, "password", "yet another password")).contains("does not work"));
        assertEquals(401, basicToken(email, PASSWORD).status());
        assertEquals(201, basicToken(email, "a brand new password").status());
    }

    @Test
    void repeatedFailuresPauseSignInForTheAccountEvenWithTheRightPassword() throws Exception {
        String email = email("guess");
        api().post("/api/v1/accounts", signUpJson(email, true, POLICY_VERSION, PASSWORD));
        Mails.followVerificationLink(MAIL, email, api());
        for (int i = 0; i < 5; i++) {
            assertEquals(401, basicToken(email, "guess number " + i).status());
        }
        assertEquals(401, basicToken(email, PASSWORD).status(), "paused after 5 failures");
    }

    @Test
    void formSignInSetsAHardenedSessionCookieAndPagesCarryASecurityPolicy() throws Exception {
        String email = email("cookie");
        api().post("/api/v1/accounts", signUpJson(email, true, POLICY_VERSION, PASSWORD));
        Mails.followVerificationLink(MAIL, email, api());
        BrowserLike browser = new BrowserLike(base());
        String dashboard = browser.signIn(email, PASSWORD);
        assertTrue(dashboard.contains("Your sessions"), dashboard);
        String cookie = browser.lastSetCookie();
        assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"), cookie);
        String csp = browser.lastHeader("Content-Security-Policy");
        assertTrue(csp.contains("default-src 'self'") && !csp.contains("http"), csp);
        assertNotEquals(200, browser.postWithoutCsrf("/account/name", Map.of("name", "Mallory")), "CSRF is checked");
        assertFalse(browser.get("/account").contains("Mallory"));
    }
}
