package io.rudp.core.wire;

import io.rudp.core.wire.MalformedPacketException.Reason;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/**
 * UTF-8 for reason phrases (PROTOCOL.md §1 REFUSE and §2 CLOSE): encoding cut to a byte budget
 * on a code-point boundary without allocating, and strict decoding.
 *
 * <p>The encoder matches {@code String.getBytes(UTF_8)}: an unpaired surrogate becomes {@code '?'}.
 */
final class Utf8 {

    /** The most bytes a reason phrase may take on the wire. */
    static final int MAX_REASON_BYTES = 255;

    private Utf8() {
    }

    /** Bytes of the longest whole-code-point prefix of {@code s} that fits in {@code maxBytes}. */
    static int cutLength(String s, int maxBytes) {
        int bytes = 0;
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            int chars = 1;
            int width;
            if (c < 0x80) {
                width = 1;
            } else if (c < 0x800) {
                width = 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < n
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                width = 4;
                chars = 2;
            } else if (Character.isSurrogate(c)) {
                width = 1; // unpaired surrogate: '?'
            } else {
                width = 3;
            }
            if (bytes + width > maxBytes) {
                break;
            }
            bytes += width;
            i += chars;
        }
        return bytes;
    }

    /**
     * Writes the prefix measured by {@link #cutLength} into {@code buf} at {@code pos}.
     *
     * @return the index just past the written bytes
     */
    static int write(String s, int maxBytes, byte[] buf, int pos) {
        int limit = pos + maxBytes;
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c < 0x80) {
                if (pos + 1 > limit) {
                    break;
                }
                buf[pos++] = (byte) c;
                i++;
            } else if (c < 0x800) {
                if (pos + 2 > limit) {
                    break;
                }
                buf[pos++] = (byte) (0xC0 | (c >>> 6));
                buf[pos++] = (byte) (0x80 | (c & 0x3F));
                i++;
            } else if (Character.isHighSurrogate(c) && i + 1 < n
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                if (pos + 4 > limit) {
                    break;
                }
                int cp = Character.toCodePoint(c, s.charAt(i + 1));
                buf[pos++] = (byte) (0xF0 | (cp >>> 18));
                buf[pos++] = (byte) (0x80 | ((cp >>> 12) & 0x3F));
                buf[pos++] = (byte) (0x80 | ((cp >>> 6) & 0x3F));
                buf[pos++] = (byte) (0x80 | (cp & 0x3F));
                i += 2;
            } else if (Character.isSurrogate(c)) {
                if (pos + 1 > limit) {
                    break;
                }
                buf[pos++] = (byte) '?';
                i++;
            } else {
                if (pos + 3 > limit) {
                    break;
                }
                buf[pos++] = (byte) (0xE0 | (c >>> 12));
                buf[pos++] = (byte) (0x80 | ((c >>> 6) & 0x3F));
                buf[pos++] = (byte) (0x80 | (c & 0x3F));
                i++;
            }
        }
        return pos;
    }

    /**
     * Decodes well-formed UTF-8 (no overlong forms, no encoded surrogates); anything else is
     * {@link Reason#INVALID_FIELD}.
     */
    static String decodeStrict(byte[] buf, int offset, int length, String field)
            throws MalformedPacketException {
        boolean ascii = true;
        for (int i = offset; i < offset + length; i++) {
            if (buf[i] < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return new String(buf, offset, length, StandardCharsets.US_ASCII);
        }
        try {
            // CharsetDecoder defaults to REPORT for malformed and unmappable input.
            return StandardCharsets.UTF_8.newDecoder()
                    .decode(ByteBuffer.wrap(buf, offset, length)).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedPacketException(Reason.INVALID_FIELD, field + " is not valid UTF-8");
        }
    }
}
