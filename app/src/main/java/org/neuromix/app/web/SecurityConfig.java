package org.neuromix.app.web;

import java.io.IOException;
import java.time.Clock;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import org.neuromix.app.account.AccountAuthenticationProvider;
import org.neuromix.app.account.Accounts;
import org.neuromix.app.account.ApiTokens;
import org.neuromix.app.system.Problems;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * Two filter chains. {@code /api/**}: stateless, bearer tokens, no cookies (so no CSRF to guard);
 * HTTP Basic only where a script trades email:password for a token. Everything else: the browser
 * UI with form sign-in, session cookie (HttpOnly, SameSite=Lax, Secure on HTTPS), CSRF tokens and
 * a strict Content-Security-Policy: only the app's own scripts, styles and media.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class SecurityConfig {
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; media-src 'self' blob:; connect-src 'self'; font-src 'self'; object-src 'none';"
            + " frame-ancestors 'none'; form-action 'self'; base-uri 'self'";

    /** Every active account has one of these; an account pending deletion has none. */
    static final String[] USER_ROLES = {"USER", "SUPPORT", "ADMIN"};

    @Bean
    AuthenticationManager authenticationManager(AccountAuthenticationProvider provider) {
        return new ProviderManager(List.of(provider));
    }

    @Bean
    @Order(1)
    SecurityFilterChain tokenExchange(HttpSecurity http, AuthenticationManager manager) throws Exception {
        http.securityMatcher(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/api/v1/tokens"))
                .authorizeHttpRequests(a -> a.anyRequest().hasAnyRole(USER_ROLES))
                .authenticationManager(manager)
                .httpBasic(basic -> basic.authenticationEntryPoint(problem(401, "send HTTP Basic email:password")))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .exceptionHandling(e -> e.authenticationEntryPoint(problem(401, "send HTTP Basic email:password")));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain api(HttpSecurity http, ApiTokens apiTokens, Accounts accounts, Clock clock) throws Exception {
        ApiTokenFilter tokens = new ApiTokenFilter(apiTokens, accounts, clock);
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(a -> a
                        .requestMatchers(HttpMethod.GET, "/api/v1/policy").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/v1/accounts").permitAll()
                        .anyRequest().hasAnyRole(USER_ROLES))
                .addFilterBefore(tokens, BasicAuthenticationFilter.class)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // No cookie authenticates an API call, so there is nothing for a forged request to ride on.
                .csrf(csrf -> csrf.disable())
                .exceptionHandling(e -> e
                        .authenticationEntryPoint(problem(401, "send Authorization: Bearer <token> (create one on the account page)"))
                        .accessDeniedHandler(denied()));
        return http.build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain web(HttpSecurity http, AuthenticationManager manager) throws Exception {
        http.authorizeHttpRequests(a -> a
                        .requestMatchers("/", "/login", "/signup", "/verify", "/forgot", "/reset", "/privacy", "/terms",
                                "/check-email", "/restore", "/privacy/requests", "/privacy/requests/verify", "/css/**", "/js/**", "/favicon.ico", "/favicon.svg", "/error", "/v3/api-docs", "/v3/api-docs/**",
                                "/actuator/health", "/actuator/health/**").permitAll()
                        // Metrics for a scraper on the same host (or an admin); behind a proxy the client address decides.
                        .requestMatchers("/actuator/prometheus").access((authentication, context) ->
                                new AuthorizationDecision(isLoopback(context.getRequest().getRemoteAddr())
                                        || authentication.get().getAuthorities().stream()
                                        .anyMatch(g -> g.getAuthority().equals("ROLE_ADMIN"))))
                        .requestMatchers("/admin", "/admin/**").hasRole("ADMIN")
                        .requestMatchers("/support", "/support/**").hasAnyRole("SUPPORT", "ADMIN")
                        .anyRequest().hasAnyRole(USER_ROLES))
                .authenticationManager(manager)
                .formLogin(form -> form.loginPage("/login").usernameParameter("email")
                        .successHandler((request, response, authentication) -> response.sendRedirect(
                                authentication.getAuthorities().stream().anyMatch(
                                        g -> g.getAuthority().equals(AccountAuthenticationProvider.RESTORE_ONLY))
                                        ? "/restore" : "/dashboard"))
                        .failureUrl("/login?error").permitAll())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?signedout").deleteCookies("SESSION")) // Spring Session's cookie
                .exceptionHandling(e -> e.accessDeniedHandler(pageDenied()))
                .headers(h -> h
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
    }

    static boolean isLoopback(String address) {
        return address != null && (address.equals("127.0.0.1") || address.equals("0:0:0:0:0:0:0:1") || address.equals("::1"));
    }

    /** An RFC 9457 problem detail instead of a login redirect or an empty body. */
    static AuthenticationEntryPoint problem(int status, String detail) {
        return (request, response, exception) -> writeProblem(response, status, detail);
    }

    static AccessDeniedHandler denied() {
        return (request, response, exception) -> writeProblem(response, 403, "not allowed");
    }

    /**
     * A refusal on the pages (most often a missing or expired CSRF token): problem JSON for a page
     * script that asks for JSON, otherwise the error page with the reason.
     */
    static AccessDeniedHandler pageDenied() {
        return (request, response, exception) -> {
            if (Problems.wantsJson(request)) {
                Problems.write(response, Problems.of(exception, 403));
            } else {
                request.setAttribute(Problems.EXCEPTION_ATTRIBUTE, exception);
                response.sendError(403);
            }
        };
    }

    static void writeProblem(HttpServletResponse response, int status, String detail) throws IOException {
        Problems.write(response, Problems.problem(status, detail, null));
    }
}
