package io.rudp.bench.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class BulkTransferTest {

    @Test
    void sharesAddUpToTheTotalAndTheLastTakesTheRemainder() {
        long total = (1L << 30) + 3;
        long[] shares = LongStream.range(0, 4).map(i -> BulkTransfer.share(total, 4, (int) i)).toArray();

        assertThat(LongStream.of(shares).sum()).isEqualTo(total);
        assertThat(shares[0]).isEqualTo(shares[1]).isEqualTo(shares[2]).isEqualTo(total / 4);
        assertThat(shares[3]).isEqualTo(total / 4 + 3);
        assertThat(BulkTransfer.share(total, 1, 0)).isEqualTo(total);
    }

    @Test
    void goodputIsReceivedBitsPerNanosecond() {
        BulkTransfer.Delivery d = new BulkTransfer.Delivery(2_000, 1_000, 4_000);

        assertThat(d.goodputGbps()).isEqualTo(2.0); // 8,000 bits in 4,000 ns
    }
}
