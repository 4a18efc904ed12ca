package io.rudp.cli.proxy;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Writes the datagrams a proxy delivers into a classic pcap file that Wireshark and tshark read:
 * each as an IP packet (IPv4, or IPv6 when either address is IPv6, an IPv4 one then written as
 * IPv4-mapped) with a UDP header, from the original sender to the final receiver, so a capture
 * shows each client talking to the target as if the proxy were a wire. Link type
 * {@value #LINKTYPE_RAW} (raw IP, tcpdump's link-layer header registry); microsecond timestamps
 * taken when a datagram was delivered.
 *
 * <p>The file is bounded: once {@code maxBytes} are written, further datagrams are counted in
 * {@link #skippedDatagrams()} and not written. A write failure (a full disk) stops the capture and
 * is kept in {@link #failure()}; relaying goes on. Used by one thread at a time (the relay loop,
 * then whoever closes it).
 */
public final class PcapWriter implements Closeable {

    /** LINKTYPE_RAW: the packet begins with an IPv4 or IPv6 header. */
    static final int LINKTYPE_RAW = 101;
    /** The default bound on the file's size: 1 GiB. */
    public static final long DEFAULT_MAX_BYTES = 1L << 30;

    private static final int GLOBAL_HEADER_BYTES = 24;
    private static final int RECORD_HEADER_BYTES = 16;
    private static final int IPV4_HEADER_BYTES = 20;
    private static final int IPV6_HEADER_BYTES = 40;
    private static final int UDP_HEADER_BYTES = 8;
    private static final int UDP_PROTOCOL = 17;
    private static final int HOP_LIMIT = 64;

    private final Path file;
    private final OutputStream out;
    private final long maxBytes;
    private final long epochMicrosAtStart;
    private final long nanoTimeAtStart;
    private final ByteBuffer header = ByteBuffer.allocate(RECORD_HEADER_BYTES + IPV6_HEADER_BYTES + UDP_HEADER_BYTES);
    private long writtenBytes;
    private long writtenDatagrams;
    private long skippedDatagrams;
    private IOException failure;

    private PcapWriter(Path file, OutputStream out, long maxBytes, long nanoTimeNow) {
        this.file = file;
        this.out = out;
        this.maxBytes = maxBytes;
        this.epochMicrosAtStart = System.currentTimeMillis() * 1000;
        this.nanoTimeAtStart = nanoTimeNow;
    }

    /**
     * Creates (or replaces) {@code file} and writes the pcap header.
     *
     * @param maxBytes the most bytes the file may take, at least the 24-byte header
     * @throws IOException if the file cannot be created
     * @throws IllegalArgumentException if {@code maxBytes} is below 24
     */
    public static PcapWriter create(Path file, long maxBytes) throws IOException {
        Objects.requireNonNull(file, "file");
        if (maxBytes < GLOBAL_HEADER_BYTES) {
            throw new IllegalArgumentException("maxBytes must be at least " + GLOBAL_HEADER_BYTES + ", got " + maxBytes);
        }
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        PcapWriter w = new PcapWriter(file, out, maxBytes, System.nanoTime());
        ByteBuffer h = ByteBuffer.allocate(GLOBAL_HEADER_BYTES);
        h.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0)
                .putInt(65_535 + IPV6_HEADER_BYTES + UDP_HEADER_BYTES).putInt(LINKTYPE_RAW);
        try {
            out.write(h.array());
        } catch (IOException e) {
            out.close();
            throw e;
        }
        w.writtenBytes = GLOBAL_HEADER_BYTES;
        return w;
    }

    /** Writes one delivered datagram, stamped {@code nanoTime} (a {@link System#nanoTime()} reading). */
    public void write(long nanoTime, InetSocketAddress from, InetSocketAddress to, byte[] payload) {
        if (failure != null) {
            skippedDatagrams++;
            return;
        }
        InetAddress src = from.getAddress();
        InetAddress dst = to.getAddress();
        boolean v6 = src instanceof Inet6Address || dst instanceof Inet6Address;
        int ipBytes = (v6 ? IPV6_HEADER_BYTES : IPV4_HEADER_BYTES) + UDP_HEADER_BYTES + payload.length;
        if (writtenBytes + RECORD_HEADER_BYTES + ipBytes > maxBytes) {
            skippedDatagrams++;
            return;
        }
        long micros = epochMicrosAtStart + (nanoTime - nanoTimeAtStart) / 1000;
        header.clear();
        header.putInt((int) (micros / 1_000_000)).putInt((int) (micros % 1_000_000)).putInt(ipBytes).putInt(ipBytes);
        int udpLength = UDP_HEADER_BYTES + payload.length;
        if (v6) {
            byte[] s = sixteen(src);
            byte[] d = sixteen(dst);
            header.putInt(0x6000_0000).putShort((short) udpLength).put((byte) UDP_PROTOCOL).put((byte) HOP_LIMIT)
                    .put(s).put(d);
            int checksum = udpChecksumV6(s, d, from.getPort(), to.getPort(), payload);
            header.putShort((short) from.getPort()).putShort((short) to.getPort()).putShort((short) udpLength)
                    .putShort((short) checksum);
        } else {
            int ipv4Start = header.position();
            header.put((byte) 0x45).put((byte) 0).putShort((short) ipBytes).putShort((short) 0)
                    .putShort((short) 0x4000).put((byte) HOP_LIMIT).put((byte) UDP_PROTOCOL).putShort((short) 0)
                    .put(src.getAddress()).put(dst.getAddress());
            header.putShort(ipv4Start + 10, (short) internetChecksum(header.array(), ipv4Start, IPV4_HEADER_BYTES, 0));
            // UDP over IPv4 may leave its checksum 0: "not computed" (RFC 768)
            header.putShort((short) from.getPort()).putShort((short) to.getPort()).putShort((short) udpLength)
                    .putShort((short) 0);
        }
        try {
            out.write(header.array(), 0, header.position());
            out.write(payload);
            writtenBytes += RECORD_HEADER_BYTES + ipBytes;
            writtenDatagrams++;
        } catch (IOException e) {
            failure = e;
            skippedDatagrams++;
        }
    }

    /** Datagrams written so far. */
    public long writtenDatagrams() {
        return writtenDatagrams;
    }

    /** Datagrams not written: over the size bound, or after a write failure. */
    public long skippedDatagrams() {
        return skippedDatagrams;
    }

    /** The write failure that stopped the capture, or null. */
    public IOException failure() {
        return failure;
    }

    /** The file written. */
    public Path file() {
        return file;
    }

    /** Flushes and closes the file. */
    @Override
    public void close() throws IOException {
        out.close();
    }

    private static byte[] sixteen(InetAddress a) {
        if (a instanceof Inet4Address) {
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xff;
            mapped[11] = (byte) 0xff;
            System.arraycopy(a.getAddress(), 0, mapped, 12, 4);
            return mapped;
        }
        return a.getAddress();
    }

    /** The UDP checksum over the IPv6 pseudo-header (RFC 8200 §8.1), never 0 (0 becomes 0xffff). */
    private static int udpChecksumV6(byte[] src, byte[] dst, int srcPort, int dstPort, byte[] payload) {
        int udpLength = UDP_HEADER_BYTES + payload.length;
        long sum = sumWords(src, 0, 16) + sumWords(dst, 0, 16) + udpLength + UDP_PROTOCOL
                + srcPort + dstPort + udpLength;
        int checksum = internetChecksum(payload, 0, payload.length, sum);
        return checksum == 0 ? 0xffff : checksum;
    }

    /** The Internet checksum (RFC 1071) of {@code len} bytes, starting from a partial {@code sum}. */
    static int internetChecksum(byte[] b, int off, int len, long sum) {
        sum += sumWords(b, off, len);
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) (~sum & 0xffff);
    }

    private static long sumWords(byte[] b, int off, int len) {
        long sum = 0;
        int i = off;
        for (; i + 1 < off + len; i += 2) {
            sum += ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
        }
        if (i < off + len) {
            sum += (b[i] & 0xff) << 8;
        }
        return sum;
    }
}
