package io.rudp.cli.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pcap file's layout and its size bound (tshark reads it in WiresharkDissectorTest). */
class PcapWriterTest {

    @TempDir
    Path dir;

    @Test
    void writesTheHeaderAndOneRecordPerDatagramUpToItsBound() throws Exception {
        InetSocketAddress a = new InetSocketAddress(InetAddress.getByName("10.0.0.1"), 1000);
        InetSocketAddress b = new InetSocketAddress(InetAddress.getByName("10.0.0.2"), 2000);
        Path file = dir.resolve("c.pcap");
        int oneRecord = 16 + 20 + 8 + 100;
        try (PcapWriter w = PcapWriter.create(file, 24 + 2 * oneRecord + 10)) {
            for (int i = 0; i < 3; i++) {
                w.write(System.nanoTime(), a, b, new byte[100]);
            }
            assertThat(w.writtenDatagrams()).isEqualTo(2);
            assertThat(w.skippedDatagrams()).as("the third would pass the bound").isEqualTo(1);
            assertThat(w.failure()).isNull();
        }
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file));
        assertThat(bytes.remaining()).isEqualTo(24 + 2 * oneRecord);
        assertThat(bytes.getInt(0)).isEqualTo(0xa1b2c3d4);
        assertThat(bytes.getInt(20)).as("link type: raw IP").isEqualTo(PcapWriter.LINKTYPE_RAW);
        assertThat(bytes.getInt(24 + 8)).as("captured length").isEqualTo(20 + 8 + 100);
        assertThat(bytes.get(24 + 16) & 0xff).as("IPv4, 20-byte header").isEqualTo(0x45);
    }

    @Test
    void theInternetChecksumOfAHeaderWithItsChecksumIsZero() {
        byte[] header = {0x45, 0, 0, 0x73, 0, 0, 0x40, 0, 0x40, 0x11, 0, 0, (byte) 0xc0, (byte) 0xa8, 0, 1,
            (byte) 0xc0, (byte) 0xa8, 0, (byte) 0xc7};
        int sum = PcapWriter.internetChecksum(header, 0, header.length, 0);
        assertThat(sum).isEqualTo(0xb861); // the textbook example header, 192.168.0.1 -> 192.168.0.199
        header[10] = (byte) (sum >>> 8);
        header[11] = (byte) sum;
        assertThat(PcapWriter.internetChecksum(header, 0, header.length, 0)).isZero();
    }

    @Test
    void aBoundBelowTheHeaderIsRefused() {
        assertThatThrownBy(() -> PcapWriter.create(dir.resolve("x.pcap"), 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxBytes must be at least 24");
    }
}
