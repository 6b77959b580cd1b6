package org.neuromix.app.storage;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code neuromix.data-dir}: the database, stored files, logs and mail outbox live under it. */
@ConfigurationProperties("neuromix")
public record StorageSettings(@DefaultValue("./data") Path dataDir) {
    public Path files() {
        return dataDir.resolve("files");
    }

    public Path work() {
        return dataDir.resolve("work");
    }

    public Path outbox() {
        return dataDir.resolve("outbox");
    }
}
