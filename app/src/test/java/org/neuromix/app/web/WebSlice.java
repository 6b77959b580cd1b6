package org.neuromix.app.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.neuromix.app.account.AccountAuthenticationProvider;
import org.neuromix.app.account.Accounts;
import org.neuromix.app.account.ApiTokens;
import org.neuromix.app.account.PolicySettings;
import org.neuromix.app.privacy.BreachNotices;
import org.neuromix.app.privacy.RetentionSettings;
import org.neuromix.app.privacy.RightsRequestSettings;
import org.neuromix.app.session.SessionSettings;
import org.neuromix.app.system.ApiSettings;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.autoconfigure.json.AutoConfigureJson;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * What every controller slice ({@code @WebMvcTest(controllers = ...)}) adds to the slice: the real
 * security configuration (three filter chains, CSRF, the problem answers for 401/403), the settings
 * with their defaults, a fixed clock, JSON, and mocks of what the security chains and the page-wide
 * advices ({@code PageModel}, {@code BreachNoticeModel}) read: accounts, API tokens, the sign-in
 * provider and breach notices. A test that stubs one of these autowires it (it is the mock). The
 * error advices ({@code ApiErrors}, {@code PageErrors}) and the API's body limit are picked up by
 * the slice itself. No database, no files, no log file.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Import(WebSlice.Beans.class)
@AutoConfigureJson
@TestPropertySource(properties = {"logging.file.name=", "spring.main.banner-mode=off"})
@MockitoBean(types = {AccountAuthenticationProvider.class, ApiTokens.class, Accounts.class, BreachNotices.class})
public @interface WebSlice {
    /** The instant of the fixed clock. */
    String NOW = "2026-12-01T12:00:00Z";

    @TestConfiguration(proxyBeanMethods = false)
    @Import(SecurityConfig.class)
    @EnableConfigurationProperties({PolicySettings.class, RetentionSettings.class, RightsRequestSettings.class,
            SessionSettings.class, ApiSettings.class})
    class Beans {
        @Bean
        Clock clock() {
            return Clock.fixed(Instant.parse(NOW), ZoneOffset.UTC);
        }
    }
}
