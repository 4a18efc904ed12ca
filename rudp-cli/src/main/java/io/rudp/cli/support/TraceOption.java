package io.rudp.cli.support;

import io.rudp.TraceFiles;
import io.rudp.cli.RudpCli;
import io.rudp.RudpConfig;
import java.io.IOException;
import java.nio.file.Path;

/** The {@code --trace DIR} option of send, receive and demo: per-connection trace files in DIR. */
public final class TraceOption {

    /** The option's help text (each command adds which sides it traces). */
    public static final String DESCRIPTION = "Write a qlog-style event trace of each connection into DIR"
            + " (created if missing), one file per connection: DIR/<client|server>-<connection id>.jsonl;"
            + " draw one with `rudp plot FILE`.";

    private TraceOption() {
    }

    /**
     * {@code config} with tracing into {@code dir}, or {@code config} itself when {@code dir} is
     * {@code null}.
     *
     * @throws RudpCli.UsageException if the directory cannot be created or written
     */
    public static RudpConfig apply(RudpConfig config, Path dir) {
        if (dir == null) {
            return config;
        }
        try {
            return config.toBuilder().tracerFactory(TraceFiles.toDirectory(dir)).build();
        } catch (IOException e) {
            throw new RudpCli.UsageException("--trace: cannot use " + dir + " for traces: " + Messages.describe(e));
        }
    }
}
