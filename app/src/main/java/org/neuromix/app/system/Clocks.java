package org.neuromix.app.system;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One clock for every time rule, so that tests can move it. */
@Configuration(proxyBeanMethods = false)
class Clocks {
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
