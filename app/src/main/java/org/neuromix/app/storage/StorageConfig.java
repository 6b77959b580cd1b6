package org.neuromix.app.storage;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The store: an S3-compatible bucket when {@code neuromix.storage.s3.bucket} is set, else the local disk. */
@Configuration(proxyBeanMethods = false)
class StorageConfig {
    @Bean // an S3 store's close() is found and called on shutdown
    BlobStore blobStore(StorageSettings storage, S3Settings s3) {
        return s3.enabled() ? S3BlobStore.connect(s3) : new LocalBlobStore(storage);
    }
}
