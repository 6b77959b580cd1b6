package org.neuromix.app.pipeline;

import java.nio.file.Path;

/** Lets other integration tests start {@code bin/neuromix serve} the way {@link ServeRestartIT} does. */
public final class ServeRestartITAccess {
    private ServeRestartITAccess() {
    }

    public static int freePort() throws java.io.IOException {
        return ServeRestartIT.freePort();
    }

    public static Process startServer(Path directory, Path data, int port, String... settings) throws Exception {
        return ServeRestartIT.startServer(directory, data, port, settings);
    }
}
