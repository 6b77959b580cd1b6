package org.neuromix.app.account.web;

import java.time.Clock;

import org.neuromix.app.account.Accounts;
import org.neuromix.app.account.AccountService;
import org.neuromix.app.account.ApiTokens;
import org.neuromix.app.account.SignedIn;
import org.neuromix.app.system.InvalidInputException;
import org.neuromix.app.system.Names;
import org.neuromix.app.system.NotFoundException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The signed-in person's account: name, email, password, API tokens. */
@Controller
class AccountPage {
    private final Accounts accounts;
    private final AccountService service;
    private final ApiTokens tokens;
    private final Clock clock;
    private final org.neuromix.app.privacy.RetentionSettings retention;

    AccountPage(Accounts accounts, AccountService service, ApiTokens tokens, Clock clock,
                org.neuromix.app.privacy.RetentionSettings retention) {
        this.retention = retention;
        this.accounts = accounts;
        this.service = service;
        this.tokens = tokens;
        this.clock = clock;
    }

    @GetMapping("/account")
    String page(@AuthenticationPrincipal SignedIn me, Model model) {
        model.addAttribute("account", accounts.byId(me.accountId()).orElseThrow());
        model.addAttribute("tokens", tokens.live(me.accountId()));
        model.addAttribute("grace", org.neuromix.app.privacy.RetentionSettings.describe(retention.accountGrace()));
        return "account";
    }

    @PostMapping("/account/name")
    String rename(@AuthenticationPrincipal SignedIn me, @RequestParam(required = false) String name, RedirectAttributes flash) {
        return attempt(flash, () -> service.rename(me.accountId(), name), "Name changed.");
    }

    @PostMapping("/account/email")
    String changeEmail(@AuthenticationPrincipal SignedIn me, @RequestParam(required = false) String email,
                       RedirectAttributes flash) {
        return attempt(flash, () -> service.changeEmail(me.accountId(), email),
                "If the address can be used, a confirmation link was sent to it; the change takes effect when you follow it.");
    }

    @PostMapping("/account/sign-out-others")
    String signOutOthers(@AuthenticationPrincipal SignedIn me, jakarta.servlet.http.HttpServletRequest request,
                         RedirectAttributes flash) {
        String thisBrowser = request.getSession(false) == null ? null : request.getSession(false).getId();
        int ended = service.signOutOtherBrowsers(me.accountId(), thisBrowser);
        flash.addFlashAttribute("notice", ended == 0 ? "No other browser was signed in."
                : ended == 1 ? "1 other browser was signed out." : ended + " other browsers were signed out.");
        return "redirect:/account";
    }

    @PostMapping("/account/password")
    String changePassword(@AuthenticationPrincipal SignedIn me, @RequestParam(required = false) String currentPassword,
                          @RequestParam(required = false) String newPassword, RedirectAttributes flash,
                          jakarta.servlet.http.HttpServletRequest request) {
        String thisBrowser = request.getSession(false) == null ? null : request.getSession(false).getId();
        return attempt(flash, () -> service.changePassword(me.accountId(), currentPassword, newPassword, thisBrowser),
                "Password changed; every other browser and every API token were signed out.");
    }

    @PostMapping("/account/tokens")
    String createToken(@AuthenticationPrincipal SignedIn me, @RequestParam(required = false) String label,
                       RedirectAttributes flash) {
        String text;
        try {
            text = Names.typed("label", "the label", label, 100, "API");
        } catch (InvalidInputException e) {
            flash.addFlashAttribute("error", e.getMessage());
            return "redirect:/account";
        }
        flash.addFlashAttribute("newToken", tokens.create(me.accountId(), text, clock.instant()));
        return "redirect:/account";
    }

    @PostMapping("/account/tokens/{tokenId}/revoke")
    String revoke(@AuthenticationPrincipal SignedIn me, @PathVariable long tokenId, RedirectAttributes flash) {
        if (!tokens.revoke(me.accountId(), tokenId, clock.instant())) {
            throw new NotFoundException("token");
        }
        flash.addFlashAttribute("notice", "Token revoked.");
        return "redirect:/account";
    }

    private static String attempt(RedirectAttributes flash, Runnable change, String done) {
        try {
            change.run();
            flash.addFlashAttribute("notice", done);
        } catch (InvalidInputException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/account";
    }
}
