package org.neuromix.app.system;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI description served at /v3/api-docs: what the API is and how to authenticate. */
@Configuration(proxyBeanMethods = false)
class ApiDescription {
    @Bean
    OpenAPI neuromixOpenApi() {
        return new OpenAPI()
                .info(new Info().title("NeuroMix API").version("v1").license(new License().name("open source"))
                        .description("Sessions of stems in, a mix, its plan and its report out. Authenticate with"
                                + " 'Authorization: Bearer <token>' (create one on the account page, or POST /api/v1/tokens"
                                + " with HTTP Basic email:password). Errors are RFC 9457 problem details with the"
                                + " offending 'field'."))
                .components(new Components()
                        .addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer"))
                        .addSecuritySchemes("basic", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}
