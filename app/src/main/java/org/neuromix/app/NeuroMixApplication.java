package org.neuromix.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The NeuroMix web service: {@code neuromix serve} starts it. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class NeuroMixApplication {
    public static void main(String[] args) {
        SpringApplication.run(NeuroMixApplication.class, args);
    }
}
