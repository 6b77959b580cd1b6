package org.neuromix.app.account.web;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.neuromix.app.account.AccountService;
import org.neuromix.app.account.ApiTokens;
import org.neuromix.app.account.PolicySettings;
import org.neuromix.app.account.SignedIn;
import org.neuromix.app.system.ApiController;
import org.neuromix.app.system.InvalidInputException;
import org.neuromix.app.system.Names;
import org.neuromix.app.system.NotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import tools.jackson.databind.json.JsonMapper;

/** Policy, sign-up and API tokens. */
@ApiController
@RequestMapping("/api/v1")
class AccountApi {
    record SignUpRequest(String name, String email, String password, Boolean adult, String acceptedPolicyVersion) {
    }

    record TokenRequest(String label) {
    }

    private final AccountService accounts;
    private final ApiTokens tokens;
    private final PolicySettings policy;
    private final Clock clock;
    private final JsonMapper json;

    AccountApi(AccountService accounts, ApiTokens tokens, PolicySettings policy, Clock clock, JsonMapper json) {
        this.json = json;
        this.accounts = accounts;
        this.tokens = tokens;
        this.policy = policy;
        this.clock = clock;
    }

    @GetMapping("/policy")
    Map<String, Object> policy() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", policy.version());
        body.put("lastUpdated", policy.lastUpdated().toString());
        return body;
    }

    /** 201 whether or not the address already had an account (no enumeration). */
    @PostMapping("/accounts")
    ResponseEntity<Map<String, Object>> signUp(@RequestBody SignUpRequest request) {
        if (request == null) {
            throw new InvalidInputException("body", "send {name, email, password, adult, acceptedPolicyVersion}");
        }
        accounts.signUp(new AccountService.SignUp(request.name(), request.email(), request.password(),
                Boolean.TRUE.equals(request.adult()), request.acceptedPolicyVersion()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", accounts.requiresVerification() ? "check your email to verify the address, then sign in"
                : "you can sign in");
        return ResponseEntity.status(HttpStatus.CREATED).body(body);
    }

    /** HTTP Basic email:password → a new bearer token (shown once). */
    @PostMapping("/tokens")
    ResponseEntity<Map<String, Object>> createToken(@AuthenticationPrincipal SignedIn me,
                                                    @RequestBody(required = false) byte[] body) {
        // The body is optional ({"label": "..."}); scripts often send none, or an empty form.
        TokenRequest request = null;
        if (body != null && body.length > 0 && body[0] == '{') {
            try {
                request = json.readValue(body, TokenRequest.class);
            } catch (RuntimeException e) {
                throw new InvalidInputException("label", "send {\"label\": \"...\"} or no body");
            }
        }
        String label = Names.typed("label", "the label", request == null ? null : request.label(), 100, "API");
        Map<String, Object> created = new LinkedHashMap<>();
        created.put("token", tokens.create(me.accountId(), label, clock.instant()));
        return ResponseEntity.status(HttpStatus.CREATED).body(created);
    }

    @GetMapping("/tokens")
    List<ApiTokens.ApiToken> listTokens(@AuthenticationPrincipal SignedIn me) {
        return tokens.live(me.accountId());
    }

    @DeleteMapping("/tokens/{tokenId}")
    ResponseEntity<Void> revoke(@AuthenticationPrincipal SignedIn me, @PathVariable long tokenId) {
        if (!tokens.revoke(me.accountId(), tokenId, clock.instant())) {
            throw new NotFoundException("token");
        }
        return ResponseEntity.noContent().build();
    }
}
