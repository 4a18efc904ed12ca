package io.rudp.cli.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rudp.ClientConnection;
import io.rudp.ReliableServer;
import io.rudp.ReliableSocket;
import io.rudp.RudpConfig;
import io.rudp.core.wire.AckFrame;
import io.rudp.core.wire.ChallengePacket;
import io.rudp.core.wire.CloseFrame;
import io.rudp.core.wire.DataBlockedFrame;
import io.rudp.core.wire.DataPacket;
import io.rudp.core.wire.ErrorCode;
import io.rudp.core.wire.HandshakeDoneFrame;
import io.rudp.core.wire.InitialPacket;
import io.rudp.core.wire.MaxDataFrame;
import io.rudp.core.wire.Packet;
import io.rudp.core.wire.PacketCodec;
import io.rudp.core.wire.PaddingFrame;
import io.rudp.core.wire.PingFrame;
import io.rudp.core.wire.RefusePacket;
import io.rudp.core.wire.ResponsePacket;
import io.rudp.core.wire.StreamFrame;
import io.rudp.core.wire.TransportParameters;
import io.rudp.testkit.LinkConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * tools/wireshark/rudp.lua, run by tshark on captures that {@link PcapWriter} wrote: packets of
 * every type and every frame type with known fields, and a real transfer through the proxy.
 * Skipped, saying so, where tshark is not installed (CI installs it).
 */
class WiresharkDissectorTest {

    private static final long BOUND_SECONDS = 60;
    private static final Path DISSECTOR = dissectorPath();

    @TempDir
    Path dir;

    @BeforeAll
    static void needsTshark() {
        assumeTrue(tsharkRuns(), "tshark is not installed: the dissector test is skipped (apt-get install tshark)");
    }

    @Test
    void everyPacketTypeAndFrameTypeIsDecodedWithItsFields() throws Exception {
        TransportParameters params = new TransportParameters(1452, 65_536, 5_000, 60_000);
        byte[] token = new byte[] {1, 2, 3, 4, 5};
        byte[] data = "hello, wireshark".getBytes(StandardCharsets.US_ASCII);
        List<Packet> packets = List.of(
                new InitialPacket(0, 0x1111L),
                new ChallengePacket(0x1111L, 0x2222L, token, params),
                new ResponsePacket(0x2222L, 0x1111L, token, params),
                new DataPacket(0x1111L, 7, List.of(HandshakeDoneFrame.INSTANCE, new AckFrame(250, new long[] {40, 30, 20, 10}),
                        new StreamFrame(1000, false, data, 0, data.length), new MaxDataFrame(200_000),
                        new DataBlockedFrame(65_536), PingFrame.INSTANCE, new PaddingFrame(5))),
                new DataPacket(0x2222L, 8, List.of(new StreamFrame(1016, true, new byte[0], 0, 0),
                        new CloseFrame(ErrorCode.APPLICATION_ABORT, "bye now"))),
                new RefusePacket(0x1111L, ErrorCode.SERVER_BUSY, "at the limit"));
        InetSocketAddress a = new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 40_000);
        InetSocketAddress b = new InetSocketAddress(InetAddress.getByName("192.0.2.2"), 47_000);
        InetSocketAddress a6 = new InetSocketAddress(InetAddress.getByName("2001:db8::1"), 40_001);
        InetSocketAddress b6 = new InetSocketAddress(InetAddress.getByName("2001:db8::2"), 47_000);
        Path pcap = dir.resolve("all.pcap");
        try (PcapWriter w = PcapWriter.create(pcap, PcapWriter.DEFAULT_MAX_BYTES)) {
            long t = System.nanoTime();
            for (int i = 0; i < packets.size(); i++) {
                boolean toServer = i % 2 == 0;
                w.write(t + i * 1_000_000L, toServer ? a : b, toServer ? b : a, encode(packets.get(i)));
            }
            w.write(t + 10_000_000L, a6, b6, encode(packets.get(3))); // the same DATA over IPv6
            byte[] corrupt = encode(packets.get(3));
            corrupt[20] ^= 0x40;
            w.write(t + 11_000_000L, a, b, corrupt);
        }

        // the heuristic claims the 7 intact datagrams; the corrupt one (its CRC fails) stays UDP
        List<String[]> heuristic = fields(pcap, List.of(), "rudpio.type");
        assertThat(heuristic).hasSize(8);
        assertThat(heuristic.subList(0, 7)).allSatisfy(row -> assertThat(row[0]).isNotEmpty());
        assertThat(heuristic.get(7)[0]).as("a datagram whose CRC fails is not claimed").isEmpty();

        List<String[]> rows = fields(pcap, List.of("-d", "udp.port==47000,rudpio",
                "-o", "ip.check_checksum:TRUE", "-o", "udp.check_checksum:TRUE"), "rudpio.type", "rudpio.dcid", "rudpio.scid",
                "rudpio.token_length", "rudpio.param.name", "rudpio.param.value", "rudpio.pn", "rudpio.frame_type",
                "rudpio.ack.largest", "rudpio.ack.delay_micros", "rudpio.ack.range_count", "rudpio.ack.first_range",
                "rudpio.ack.gap", "rudpio.ack.range_length", "rudpio.stream.offset", "rudpio.stream.length",
                "rudpio.stream.fin", "rudpio.max_data", "rudpio.data_blocked", "rudpio.error_name", "rudpio.reason",
                "rudpio.padding_length", "rudpio.crc_good", "_ws.expert.message", "udp.checksum.status",
                "ip.checksum.status");
        assertThat(rows).hasSize(8);
        String[] initial = rows.get(0);
        assertThat(initial[0]).isEqualTo("0x01");
        assertThat(initial[2]).isEqualTo("0x0000000000001111");
        assertThat(initial[21]).as("padding up to 1,200 bytes").isEqualTo(String.valueOf(1200 - 10 - 8 - 4));
        for (int i : new int[] {1, 2}) {
            String[] handshake = rows.get(i);
            assertThat(handshake[0]).isEqualTo(i == 1 ? "0x02" : "0x03");
            assertThat(handshake[3]).isEqualTo("5");
            assertThat(handshake[4]).isEqualTo("max_datagram_bytes,initial_max_data,max_ack_delay_micros,idle_timeout_millis");
            assertThat(handshake[5]).isEqualTo("1452,65536,5000,60000");
        }
        for (int i : new int[] {3, 6}) { // over IPv4, then IPv6
            String[] d = rows.get(i);
            assertThat(d[0]).isEqualTo("0x04");
            assertThat(d[6]).isEqualTo("7");
            assertThat(d[7]).isEqualTo("0x07,0x02,0x03,0x05,0x06,0x01,0x00");
            assertThat(d[8]).isEqualTo("40");
            assertThat(d[9]).isEqualTo("250");
            assertThat(d[10]).isEqualTo("1");
            assertThat(d[11]).isEqualTo("10");
            assertThat(d[12]).as("gap: 30 - 20 - 2").isEqualTo("8");
            assertThat(d[13]).isEqualTo("10");
            assertThat(d[14]).isEqualTo("1000");
            assertThat(d[15]).isEqualTo(String.valueOf(data.length));
            assertThat(d[17]).isEqualTo("200000");
            assertThat(d[18]).isEqualTo("65536");
            assertThat(d[21]).isEqualTo("5");
        }
        // Wireshark's checksum status: 1 is good (0 bad, 2 unverified)
        assertThat(rows.get(6)[24]).as("the IPv6 UDP checksum PcapWriter computed").isEqualTo("1");
        assertThat(rows.get(3)[25]).as("the IPv4 header checksum PcapWriter computed").isEqualTo("1");
        String[] close = rows.get(4);
        assertThat(close[7]).isEqualTo("0x04,0x08");
        assertThat(close[16]).isEqualTo("1");
        assertThat(close[19]).isEqualTo("APPLICATION_ABORT");
        assertThat(close[20]).isEqualTo("bye now");
        String[] refuse = rows.get(5);
        assertThat(refuse[0]).isEqualTo("0x05");
        assertThat(refuse[19]).isEqualTo("SERVER_BUSY");
        assertThat(refuse[20]).isEqualTo("at the limit");
        for (int i = 0; i < 7; i++) {
            assertThat(rows.get(i)[22]).as("CRC of packet %d", i).isEqualTo("1");
            assertThat(rows.get(i)[23]).as("expert info of packet %d", i).isEmpty();
        }
        assertThat(rows.get(7)[22]).isEqualTo("0");
        assertThat(rows.get(7)[23]).contains("CRC32C mismatch");
    }

    @Test
    void aRealTransferThroughTheProxyDecodesWithoutAnError() throws Exception {
        byte[] payload = new byte[256 * 1024];
        new java.util.SplittableRandom(5).nextBytes(payload);
        RudpConfig config = RudpConfig.builder().loopbackDatagramBytes(RudpConfig.MIN_DATAGRAM_BYTES).build();
        Path pcap = dir.resolve("transfer.pcap");
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        long written;
        try (ReliableServer server = new ReliableServer(loopback, config)) {
            server.listen();
            PcapWriter capture = PcapWriter.create(pcap, PcapWriter.DEFAULT_MAX_BYTES);
            try (ImpairmentProxy proxy = ImpairmentProxy.start(loopback, server.localAddress(), LinkConfig.perfect(),
                    LinkConfig.perfect(), 1, ProxyLimits.defaults(), LinkSharing.PER_CLIENT, capture)) {
                Future<byte[]> received = pool.submit(() -> {
                    try (ClientConnection c = server.accept()) {
                        byte[] all = c.receiveMessage();
                        c.abort("the test is done"); // a CLOSE frame with a reason
                        return all;
                    }
                });
                try (ReliableSocket client = new ReliableSocket(proxy.localAddress(), config)) {
                    client.connect();
                    client.sendMessage(payload);
                    assertThat(received.get(BOUND_SECONDS, TimeUnit.SECONDS)).isEqualTo(payload);
                    assertThat(client.receive(new byte[1], 0, 1)).isNegative();
                } catch (IOException expectedReset) {
                    // the server's abort may reach the client first: a reset, as the CLOSE says
                }
            }
            written = capture.writtenDatagrams();
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(BOUND_SECONDS, TimeUnit.SECONDS);
        }

        List<String[]> rows = fields(pcap, List.of(), "rudpio.type", "rudpio.frame_type", "rudpio.stream.length",
                "rudpio.crc_good", "_ws.expert.message", "rudpio.reason");
        assertThat(written).isGreaterThan(200);
        assertThat(rows).hasSize((int) written);
        Set<String> frameTypes = new TreeSet<>();
        long streamBytes = 0;
        for (String[] row : rows) {
            assertThat(row[0]).as("every captured datagram is claimed as rudp").isNotEmpty();
            assertThat(row[3]).isEqualTo("1");
            assertThat(row[4]).as("no malformed packet").isEmpty();
            frameTypes.addAll(Arrays.asList(row[1].split(",")));
            for (String length : row[2].isEmpty() ? new String[0] : row[2].split(",")) {
                streamBytes += Long.parseLong(length);
            }
        }
        assertThat(frameTypes).as("ACK, STREAM, HANDSHAKE_DONE, CLOSE").contains("0x02", "0x03", "0x07", "0x08");
        assertThat(streamBytes).as("the message and its length prefix, retransmissions counted again")
                .isGreaterThanOrEqualTo(payload.length + 4);
        assertThat(rows).anySatisfy(row -> assertThat(row[5]).isEqualTo("the test is done"));
    }

    private static byte[] encode(Packet p) {
        ByteBuffer out = ByteBuffer.allocate(PacketCodec.encodedLength(p));
        PacketCodec.encode(p, out);
        return out.array();
    }

    /** tshark's fields for each packet of {@code pcap}, tab separated, in {@code names}' order. */
    private static List<String[]> fields(Path pcap, List<String> options, String... names) throws Exception {
        List<String> command = new ArrayList<>(List.of("tshark", "-X", "lua_script:" + DISSECTOR, "-r", pcap.toString(),
                "-o", "udp.try_heuristic_first:TRUE", "-T", "fields", "-E", "separator=/t", "-E", "occurrence=a", "-E", "aggregator=,"));
        command.addAll(options);
        for (String name : names) {
            command.add("-e");
            command.add(name);
        }
        Path out = Files.createTempFile("tshark-", ".txt");
        Path err = Files.createTempFile("tshark-", ".err");
        try {
            Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            assertThat(p.waitFor(BOUND_SECONDS, TimeUnit.SECONDS)).as("tshark finished").isTrue();
            assertThat(p.exitValue()).as("tshark's exit status; stderr: %s", Files.readString(err)).isZero();
            assertThat(Files.readString(err)).as("tshark's stderr").doesNotContain("Lua: Error");
            List<String[]> rows = new ArrayList<>();
            for (String line : Files.readAllLines(out)) {
                String[] row = Arrays.copyOf(line.split("\t", -1), names.length);
                for (int i = 0; i < row.length; i++) {
                    row[i] = row[i] == null ? "" : row[i];
                }
                rows.add(row);
            }
            return rows;
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static boolean tsharkRuns() {
        try {
            Process p = new ProcessBuilder("tshark", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(BOUND_SECONDS, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Path dissectorPath() {
        Path base = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
        Path fromModule = base.resolveSibling("tools").resolve("wireshark").resolve("rudp.lua");
        return Files.exists(fromModule) ? fromModule : base.resolve("tools").resolve("wireshark").resolve("rudp.lua");
    }
}
