package io.rudp.cli.transfer;

import io.rudp.cli.support.Formats;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * A completed, verified transfer.
 *
 * @param fileName the file's name (no directories)
 * @param path where the file is: the sender's source, or the receiver's final file
 * @param peer the other side's address
 * @param sizeBytes the file's size
 * @param elapsed from the receiver's acceptance to its verified confirmation
 * @param sha256 the file's SHA-256, lower-case hex
 */
public record TransferResult(String fileName, Path path, InetSocketAddress peer, long sizeBytes,
                             Duration elapsed, String sha256) {

    public TransferResult {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(elapsed, "elapsed");
        Objects.requireNonNull(sha256, "sha256");
    }

    /** Average goodput in bytes per second. */
    public double bytesPerSecond() {
        return Formats.bytesPerSecond(sizeBytes, elapsed);
    }

    /** {@code 3.00 MiB in 1.20 s (2.50 MiB/s), SHA-256 9f86...}. */
    public String figures() {
        return Formats.bytes(sizeBytes) + " in " + Formats.seconds(elapsed) + " (" + Formats.rate(sizeBytes, elapsed)
                + "), SHA-256 " + sha256;
    }
}
