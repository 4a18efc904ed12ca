package io.rudp.cli.transfer;

import io.rudp.ClientConnection;
import io.rudp.cli.support.InterruptOnShutdown;
import io.rudp.cli.support.Messages;
import io.rudp.cli.support.Formats;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Receives one file per connection from a {@link FileSender} into a directory. The file is
 * written to {@code .NAME.rudp-part}, checked (size and SHA-256) and only then renamed to
 * {@code NAME}; on any failure the partial file is removed and the sender is told why (by an
 * answer, or by an abort when it fails mid-stream). Never writes outside the directory, and
 * replaces an existing file only when built with {@code overwrite}.
 *
 * <pre>{@code
 * FileReceiver receiver = new FileReceiver(Path.of("incoming"), false);
 * try (ClientConnection c = server.accept()) {
 *     TransferResult r = receiver.receive(c, TransferListener.NONE);
 * }
 * }</pre>
 */
public final class FileReceiver {

    /** How long the receiver waits for the sender's next bytes by default. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(60);

    private static final int CHUNK_BYTES = 64 * 1024;

    private final Path directory;
    private final boolean overwrite;
    private final Duration readTimeout;
    private final UnaryOperator<WritableByteChannel> sinkFilter;

    /** A receiver into {@code directory}, replacing existing files only if {@code overwrite}. */
    public FileReceiver(Path directory, boolean overwrite) {
        this(directory, overwrite, DEFAULT_READ_TIMEOUT);
    }

    /** As above, failing a transfer when the sender sends nothing for {@code readTimeout}. */
    public FileReceiver(Path directory, boolean overwrite, Duration readTimeout) {
        this(directory, overwrite, readTimeout, UnaryOperator.identity());
    }

    /** For tests: {@code sinkFilter} wraps the partial file's channel (to fail writes, for instance). */
    FileReceiver(Path directory, boolean overwrite, Duration readTimeout, UnaryOperator<WritableByteChannel> sinkFilter) {
        this.directory = directory.toAbsolutePath().normalize();
        this.overwrite = overwrite;
        this.readTimeout = Objects.requireNonNull(readTimeout, "readTimeout");
        this.sinkFilter = Objects.requireNonNull(sinkFilter, "sinkFilter");
    }

    /** The target directory (absolute). */
    public Path directory() {
        return directory;
    }

    /** Why {@code dir} cannot receive files (missing, not a directory, not writable), or {@code null}. */
    public static String directoryProblem(Path dir) {
        if (!Files.exists(dir)) {
            return "directory " + dir + " does not exist; create it or choose another with --dir";
        }
        if (!Files.isDirectory(dir)) {
            return dir + " is not a directory; choose a directory with --dir";
        }
        if (!Files.isWritable(dir)) {
            return "directory " + dir + " is not writable; choose another with --dir or fix its permissions";
        }
        return null;
    }

    /**
     * Runs one transfer over {@code connection} (just accepted, not used before) and answers
     * the sender; leaves closing the connection to the caller.
     *
     * @return the stored file
     * @throws TransferException if the file was refused or failed (the sender was told; nothing is left behind)
     * @throws InterruptedIOException if the thread was interrupted (the connection is aborted, nothing left behind)
     * @throws IOException if the connection failed otherwise
     */
    public TransferResult receive(ClientConnection connection, TransferListener listener) throws IOException {
        Objects.requireNonNull(listener, "listener");
        connection.setReadTimeout(readTimeout);
        InetSocketAddress peer = connection.remoteAddress();
        DataInputStream in = new DataInputStream(new BufferedInputStream(connection.getInputStream(), CHUNK_BYTES));
        OutputStream out = connection.getOutputStream();

        TransferProtocol.Header header;
        try {
            header = TransferProtocol.readHeader(in);
        } catch (TransferException e) {
            answerQuietly(out, false, e.getMessage());
            throw e;
        } catch (IOException e) {
            throw explain(e, connection, "the file header", 0, 0);
        }
        String name = header.name();
        String refusal = refusal(name, header.size());
        Path part = refusal == null ? FileNames.partFile(directory, name) : null;
        FileChannel file = null;
        if (part != null) {
            try {
                Files.deleteIfExists(part); // a leftover of an earlier, killed receive: ours to replace
                file = FileChannel.open(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (IOException e) {
                refusal = "cannot create a partial file for " + name + " on the receiver: " + Messages.describe(e);
            }
        }
        if (refusal != null) {
            TransferProtocol.writeAnswer(out, false, refusal);
            throw new TransferException(refusal);
        }
        boolean stored = false;
        try {
            TransferProtocol.writeAnswer(out, true, "ready");
            long start = System.nanoTime();
            listener.started(name, header.size(), peer);
            try {
                String sha256 = receiveContent(in, out, connection, file, name, header.size(), listener);
                Path target = directory.resolve(name);
                moveIntoPlace(part, target, out, name);
                TransferProtocol.writeAnswer(out, true, sha256);
                stored = true;
                return new TransferResult(name, target, peer, header.size(), Duration.ofNanos(System.nanoTime() - start),
                        sha256);
            } finally {
                listener.finished(stored);
            }
        } finally {
            closeQuietly(file);
            if (!stored) {
                deleteQuietly(part);
            }
        }
    }

    /** Why {@code name} of {@code size} bytes cannot be stored, or {@code null}. */
    private String refusal(String name, long size) {
        String problem = FileNames.problem(name, directory);
        if (problem != null) {
            return problem;
        }
        Path target = directory.resolve(name);
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                return name + " exists on the receiver as a directory; rename the file or remove that directory";
            }
            if (!overwrite) {
                return name + " already exists on the receiver; remove it there or run `rudp receive` with --overwrite";
            }
        }
        try {
            long usable = Files.getFileStore(directory).getUsableSpace();
            if (size > usable) {
                return "not enough space on the receiver for " + name + ": " + Formats.bytes(size) + " needed, "
                        + Formats.bytes(usable) + " free";
            }
        } catch (IOException e) {
            // cannot tell: the writes will find out
        }
        return null;
    }

    /** Reads {@code size} bytes and the trailer, writing the bytes to {@code file}; returns the verified SHA-256. */
    private String receiveContent(DataInputStream in, OutputStream out, ClientConnection connection, FileChannel file,
                                  String name, long size, TransferListener listener) throws IOException {
        MessageDigest sha = FileSender.sha256();
        WritableByteChannel sink = sinkFilter.apply(file);
        byte[] buf = new byte[CHUNK_BYTES];
        long received = 0;
        while (received < size) {
            int n;
            try {
                n = in.read(buf, 0, (int) Math.min(buf.length, size - received));
            } catch (IOException e) {
                throw explain(e, connection, name, received, size);
            }
            if (n < 0) {
                String why = "the sender's stream ended after " + received + " of " + size + " bytes of " + name;
                answerQuietly(out, false, why);
                throw new TransferException(why);
            }
            sha.update(buf, 0, n);
            write(sink, buf, n, connection, name);
            received += n;
            listener.progressed(received);
        }
        byte[] trailer = new byte[TransferProtocol.DIGEST_BYTES];
        try {
            in.readFully(trailer);
        } catch (EOFException e) {
            String why = "the sender's stream ended before the SHA-256 of " + name;
            answerQuietly(out, false, why);
            throw new TransferException(why, e);
        } catch (IOException e) {
            throw explain(e, connection, name, received, size);
        }
        try {
            file.force(true);
            long written = file.size();
            if (written != size) {
                throw new IOException("the partial file holds " + written + " bytes, expected " + size);
            }
        } catch (IOException e) {
            String why = "cannot write " + name + " on the receiver: " + Messages.describe(e);
            answerQuietly(out, false, why);
            throw new TransferException(why, e);
        }
        String ours = TransferProtocol.hex(sha.digest());
        String theirs = TransferProtocol.hex(trailer);
        if (!ours.equals(theirs)) {
            String why = "integrity check failed for " + name + ": SHA-256 of the received bytes is " + ours
                    + ", the sender's is " + theirs + "; the file was discarded";
            answerQuietly(out, false, why);
            throw new TransferException(why);
        }
        return ours;
    }

    private void write(WritableByteChannel sink, byte[] buf, int n, ClientConnection connection, String name)
            throws IOException {
        ByteBuffer bb = ByteBuffer.wrap(buf, 0, n);
        try {
            while (bb.hasRemaining()) {
                sink.write(bb);
            }
        } catch (ClosedByInterruptException e) {
            abortQuietly(connection, "the receiver was stopped");
            InterruptedIOException stopped = new InterruptedIOException("interrupted while writing " + name);
            stopped.initCause(e);
            throw stopped;
        } catch (IOException e) {
            String why = "cannot write " + name + " on the receiver: " + Messages.describe(e);
            abortQuietly(connection, why);
            throw new TransferException(why, e);
        }
    }

    private void moveIntoPlace(Path part, Path target, OutputStream out, String name) throws IOException {
        try {
            if (overwrite) {
                try {
                    Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                    Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } else {
                Files.move(part, target); // fails if the name was taken during the transfer
            }
        } catch (FileAlreadyExistsException e) {
            String why = name + " appeared on the receiver during the transfer and was not replaced;"
                    + " run `rudp receive` with --overwrite to replace it";
            answerQuietly(out, false, why);
            throw new TransferException(why, e);
        } catch (IOException e) {
            String why = "cannot rename the verified " + name + " into place on the receiver: " + Messages.describe(e);
            answerQuietly(out, false, why);
            throw new TransferException(why, e);
        }
    }

    /** One line for a connection failure while reading from the sender; aborts where this side gives up. */
    private IOException explain(IOException e, ClientConnection connection, String what, long received, long size) {
        String peerReason = TransferProtocol.peerAbortReason(e);
        if (peerReason != null) {
            return new TransferException("the sender stopped the transfer of " + what + ": " + peerReason, e);
        }
        if (InterruptOnShutdown.isInterruption(e)) {
            abortQuietly(connection, "the receiver was stopped");
            return e;
        }
        if (e instanceof SocketTimeoutException) {
            String why = "no data from the sender for " + Formats.seconds(readTimeout) + " while receiving " + what;
            abortQuietly(connection, why);
            return new TransferException(why, e);
        }
        String progress = size > 0 ? " after " + Formats.bytes(received) + " of " + Formats.bytes(size) : "";
        return new TransferException("receiving " + what + " failed" + progress + ": " + Messages.describe(e), e);
    }

    private static void answerQuietly(OutputStream out, boolean ok, String message) {
        try {
            TransferProtocol.writeAnswer(out, ok, message);
        } catch (IOException | RuntimeException ignored) {
            // the sender is gone or the connection is closing: nobody to tell
        }
    }

    private static void abortQuietly(ClientConnection connection, String why) {
        try {
            connection.abort(TransferProtocol.abortReason(why));
        } catch (IOException | RuntimeException ignored) {
            // already ended
        }
    }

    private static void closeQuietly(FileChannel file) {
        if (file != null) {
            try {
                file.close();
            } catch (IOException ignored) {
                // the file is deleted or already verified on disk
            }
        }
    }

    private static void deleteQuietly(Path part) {
        if (part != null) {
            try {
                Files.deleteIfExists(part);
            } catch (IOException ignored) {
                // nothing better to do; the name says it is partial
            }
        }
    }
}
