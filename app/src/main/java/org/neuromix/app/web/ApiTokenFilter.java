package org.neuromix.app.web;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.neuromix.app.account.Account;
import org.neuromix.app.account.Accounts;
import org.neuromix.app.account.ApiTokens;
import org.neuromix.app.account.SignedIn;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/** {@code Authorization: Bearer nmx_…} on the API; a wrong or revoked token is a 401. */
class ApiTokenFilter extends OncePerRequestFilter {
    private final ApiTokens tokens;
    private final Accounts accounts;
    private final Clock clock;

    ApiTokenFilter(ApiTokens tokens, Accounts accounts, Clock clock) {
        this.tokens = tokens;
        this.accounts = accounts;
        this.clock = clock;
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            Optional<Account> account = tokens.accountOf(header.substring(7).trim(), clock.instant()).flatMap(accounts::byId);
            if (account.isEmpty()) {
                SecurityConfig.writeProblem(response, 401, "the bearer token is not valid (revoked, mistyped or expired)");
                return;
            }
            Account a = account.get();
            var authentication = UsernamePasswordAuthenticationToken.authenticated(
                    new SignedIn(a.id(), a.email(), a.name(), a.role()), null, List.of(new SimpleGrantedAuthority("ROLE_" + a.role())));
            var context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(authentication);
            SecurityContextHolder.setContext(context);
        }
        chain.doFilter(request, response);
    }
}
