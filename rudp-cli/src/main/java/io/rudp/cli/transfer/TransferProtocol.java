package io.rudp.cli.transfer;

import io.rudp.ConnectionResetException;
import io.rudp.cli.support.Messages;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The file-transfer protocol: one file per rudp connection, big-endian integers.
 *
 * <pre>
 * sender   -&gt; receiver  HEADER  "RUDPFILE" (8 ASCII bytes), version u8 (1),
 *                               name length u16 (1..1024), name (UTF-8), size i64 (&gt;= 0)
 * receiver -&gt; sender    ANSWER  status u8 (0 accepted, 1 refused), length u16, message (UTF-8)
 * sender   -&gt; receiver  DATA    exactly size bytes, then the SHA-256 of those bytes (32 bytes),
 *                               then the end of the sender's stream
 * receiver -&gt; sender    ANSWER  status 0 (stored; message: the SHA-256 in hex) or 1 (failed; why),
 *                               then the receiver closes
 * </pre>
 *
 * <p>The receiver answers the header before any data flows, so a refused file (exists, bad
 * name, no space) costs one round trip. It writes to a hidden partial file and renames it only
 * after checking size and SHA-256. A side that fails in the middle of the data (write error,
 * file changed, interrupted) aborts the connection with the reason {@link #ABORT_PREFIX} + why,
 * which the other side reports.
 */
public final class TransferProtocol {

    /** The first bytes of a header. */
    static final byte[] MAGIC = "RUDPFILE".getBytes(StandardCharsets.US_ASCII);
    /** The protocol version this code speaks. */
    static final int VERSION = 1;
    /** The longest name accepted in a header, in UTF-8 bytes. */
    static final int MAX_NAME_BYTES = 1024;
    /** The longest answer message, in UTF-8 bytes. */
    static final int MAX_MESSAGE_BYTES = 2048;
    /** Bytes of the SHA-256 trailer. */
    static final int DIGEST_BYTES = 32;
    /** Marks an abort reason sent by this protocol, so the other side can quote it. */
    public static final String ABORT_PREFIX = "rudp-transfer: ";

    private TransferProtocol() {
    }

    /** A file announced by the sender. */
    record Header(String name, long size) { }

    /** The receiver's answer: {@code ok} with a message (the SHA-256 when stored) or the reason it refused/failed. */
    record Answer(boolean ok, String message) { }

    static void writeHeader(OutputStream out, String name, long size) throws IOException {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        if (nameBytes.length == 0 || nameBytes.length > MAX_NAME_BYTES) {
            throw new TransferException("the file name must be 1 to " + MAX_NAME_BYTES + " bytes of UTF-8, got "
                    + nameBytes.length);
        }
        ByteArrayOutputStream buf = new ByteArrayOutputStream(MAGIC.length + 11 + nameBytes.length);
        DataOutputStream d = new DataOutputStream(buf);
        d.write(MAGIC);
        d.writeByte(VERSION);
        d.writeShort(nameBytes.length);
        d.write(nameBytes);
        d.writeLong(size);
        buf.writeTo(out);
        out.flush();
    }

    /**
     * Reads a header; an empty stream or anything that is not this protocol is a
     * {@link TransferException} (the caller answers it).
     */
    static Header readHeader(DataInputStream in) throws IOException {
        byte[] magic = new byte[MAGIC.length];
        try {
            in.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new TransferException("the client does not speak the rudp file-transfer protocol"
                        + " (use `rudp send FILE HOST:PORT`)");
            }
            int version = in.readUnsignedByte();
            if (version != VERSION) {
                throw new TransferException("unsupported file-transfer protocol version " + version + " (this receiver speaks "
                        + VERSION + ")");
            }
            int nameLength = in.readUnsignedShort();
            if (nameLength == 0 || nameLength > MAX_NAME_BYTES) {
                throw new TransferException("file name length " + nameLength + " is not in 1.." + MAX_NAME_BYTES);
            }
            byte[] name = new byte[nameLength];
            in.readFully(name);
            long size = in.readLong();
            if (size < 0) {
                throw new TransferException("negative file size " + size);
            }
            return new Header(new String(name, StandardCharsets.UTF_8), size);
        } catch (EOFException e) {
            throw new TransferException("the sender's stream ended before a complete file header");
        }
    }

    static void writeAnswer(OutputStream out, boolean ok, String message) throws IOException {
        byte[] text = cut(message, MAX_MESSAGE_BYTES);
        ByteArrayOutputStream buf = new ByteArrayOutputStream(3 + text.length);
        DataOutputStream d = new DataOutputStream(buf);
        d.writeByte(ok ? 0 : 1);
        d.writeShort(text.length);
        d.write(text);
        buf.writeTo(out);
        out.flush();
    }

    static Answer readAnswer(DataInputStream in) throws IOException {
        int status = in.readUnsignedByte();
        int length = in.readUnsignedShort();
        if (status > 1 || length > MAX_MESSAGE_BYTES) {
            throw new TransferException("the receiver sent a malformed answer (status " + status + ", length " + length
                    + "); is it a rudp receive?");
        }
        byte[] text = new byte[length];
        in.readFully(text);
        return new Answer(status == 0, new String(text, StandardCharsets.UTF_8));
    }

    /** The abort reason that carries {@code why} to the other side, cut to the protocol's 255 bytes. */
    static String abortReason(String why) {
        return Messages.abortReason(ABORT_PREFIX + why);
    }

    /**
     * The reason the peer gave when it aborted with {@link #abortReason}, or {@code null} if
     * {@code e} is not such an abort.
     */
    static String peerAbortReason(IOException e) {
        if (!(e instanceof ConnectionResetException)) {
            return null;
        }
        ConnectionResetException reset = (ConnectionResetException) e;
        String message = reset.reason() != null ? reset.reason().message() : reset.getMessage();
        int at = message == null ? -1 : message.indexOf(ABORT_PREFIX);
        if (at < 0) {
            return null;
        }
        String why = message.substring(at + ABORT_PREFIX.length());
        return why.endsWith(")") ? why.substring(0, why.length() - 1) : why;
    }

    /** Lower-case hex of {@code bytes}. */
    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /** {@code text} as UTF-8, cut to at most {@code maxBytes} on a character boundary. */
    static byte[] cut(String text, int maxBytes) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= maxBytes) {
            return bytes;
        }
        int end = maxBytes;
        while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
            end--; // do not split a multi-byte character
        }
        return Arrays.copyOf(bytes, end);
    }
}
