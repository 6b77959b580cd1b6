package org.neuromix.app.system;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code neuromix.api.*}.
 *
 * @param maxJsonBodyBytes largest request body the API reads (JSON; uploads have their own
 *                         multipart limits); a larger one is answered with 413
 */
@ConfigurationProperties("neuromix.api")
public record ApiSettings(@DefaultValue("1MB") DataSize maxJsonBodyBytes) {
    public ApiSettings {
        if (maxJsonBodyBytes.toBytes() < 1024 || maxJsonBodyBytes.toBytes() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("neuromix.api.max-json-body-bytes must be from 1KB to 2GB");
        }
    }
}
