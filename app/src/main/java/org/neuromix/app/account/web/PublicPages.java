package org.neuromix.app.account.web;

import org.neuromix.app.account.AccountAuthenticationProvider;
import org.neuromix.app.account.AccountService;
import org.neuromix.app.account.PolicySettings;
import org.neuromix.app.account.SignedIn;
import org.neuromix.app.privacy.RetentionSettings;
import org.neuromix.app.privacy.RightsRequestSettings;
import org.neuromix.app.system.InvalidInputException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Pages anyone may open: landing, sign-up, sign-in, verification, password reset, policy. */
@Controller
class PublicPages {
    private final AccountService accounts;
    private final PolicySettings policy;
    private final RetentionSettings retention;
    private final RightsRequestSettings rightsRequests;

    PublicPages(AccountService accounts, PolicySettings policy, RetentionSettings retention, RightsRequestSettings rightsRequests) {
        this.accounts = accounts;
        this.policy = policy;
        this.retention = retention;
        this.rightsRequests = rightsRequests;
    }

    @GetMapping("/")
    String index(@AuthenticationPrincipal SignedIn me) {
        return me != null ? "redirect:/dashboard" : "index";
    }

    @GetMapping("/login")
    String login(Model model) {
        model.addAttribute("failed", AccountAuthenticationProvider.FAILED);
        return "login";
    }

    @GetMapping("/signup")
    String signUpForm(Model model) {
        model.addAttribute("policyVersion", policy.version());
        return "signup";
    }

    @PostMapping("/signup")
    String signUp(@RequestParam(required = false) String name, @RequestParam(required = false) String email,
                  @RequestParam(required = false) String password, @RequestParam(defaultValue = "false") boolean adult,
                  @RequestParam(required = false) String acceptedPolicyVersion, Model model) {
        try {
            accounts.signUp(new AccountService.SignUp(name, email, password, adult, acceptedPolicyVersion));
        } catch (InvalidInputException e) {
            model.addAttribute("error", e.getMessage());
            model.addAttribute("name", name);
            model.addAttribute("email", email);
            model.addAttribute("policyVersion", policy.version());
            return "signup";
        }
        return message(model, "Check your email", accounts.requiresVerification()
                ? "If the address can be used, a confirmation link is on its way. Follow it, then sign in."
                : "Your account is ready: sign in.", "/login", "Sign in");
    }

    @GetMapping("/verify")
    String verify(@RequestParam(required = false) String token, Model model) {
        boolean verified = accounts.verify(token);
        return message(model, verified ? "Address confirmed" : "This link does not work",
                verified ? "Thank you. You can sign in now." : "The link is used, expired or mistyped. Sign in to get a new one"
                        + " by resetting your password.", "/login", "Sign in");
    }

    @GetMapping("/forgot")
    String forgotForm() {
        return "forgot";
    }

    @PostMapping("/forgot")
    String forgot(@RequestParam(required = false) String email, Model model) {
        accounts.forgotPassword(email);
        return message(model, "Check your email", "If the address has an account, a reset link is on its way.", "/login",
                "Sign in");
    }

    @GetMapping("/reset")
    String resetForm(@RequestParam(required = false) String token, Model model) {
        model.addAttribute("token", token);
        return "reset";
    }

    @PostMapping("/reset")
    String reset(@RequestParam(required = false) String token, @RequestParam(required = false) String password, Model model) {
        try {
            if (accounts.resetPassword(token, password)) {
                return message(model, "Password changed", "Sign in with the new password.", "/login", "Sign in");
            }
            return message(model, "This link does not work", "The link is used, expired or mistyped. Ask for a new one.",
                    "/forgot", "Reset again");
        } catch (InvalidInputException e) {
            model.addAttribute("token", token);
            model.addAttribute("error", e.getMessage());
            return "reset";
        }
    }

    @GetMapping("/privacy")
    String privacy(Model model, jakarta.servlet.http.HttpServletRequest request) {
        model.addAttribute("policy", policy);
        model.addAttribute("secure", request.isSecure());
        model.addAttribute("answerWithin", RetentionSettings.describe(rightsRequests.answerWithin()));
        model.addAttribute("originals", retention.originals().isZero() ? "deleted as soon as processing completes (or fails for good)"
                : "deleted " + RetentionSettings.describe(retention.originals()) + " after processing completes (or fails for good)");
        model.addAttribute("output", RetentionSettings.describe(retention.output()) + " from session completion, then deleted");
        model.addAttribute("accountGrace", "until you delete your account + " + RetentionSettings.describe(retention.accountGrace()));
        model.addAttribute("logs", "up to " + RetentionSettings.describe(retention.logs()));
        model.addAttribute("emails", "up to " + RetentionSettings.describe(retention.emails()));
        return "privacy";
    }

    @GetMapping("/terms")
    String terms(Model model) {
        model.addAttribute("policy", policy);
        return "terms";
    }

    static String message(Model model, String heading, String text, String backUrl, String backLabel) {
        model.addAttribute("heading", heading);
        model.addAttribute("text", text);
        model.addAttribute("backUrl", backUrl);
        model.addAttribute("backLabel", backLabel);
        return "message";
    }
}
