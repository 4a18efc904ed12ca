package io.rudp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A blocked receive ends on its read timeout or an interrupt, and the connection stays usable. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class BlockedCallTest {

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void receiveTimesOutAfterTheReadTimeoutAndTheConnectionStillWorks() throws Exception {
        try (LoopbackPair pair = LoopbackPair.open()) {
            pair.client.setReadTimeout(Duration.ofMillis(200));
            assertThat(pair.client.readTimeout()).isEqualTo(Duration.ofMillis(200));

            assertThatThrownBy(() -> pair.client.receive(64))
                    .isInstanceOf(SocketTimeoutException.class)
                    .hasMessageContaining("200 ms")
                    .hasMessageContaining(":" + pair.server.localAddress().getPort());
            assertThatThrownBy(() -> pair.client.receiveMessage())
                    .isInstanceOf(SocketTimeoutException.class);

            pair.client.setReadTimeout(Duration.ZERO); // forever: the class @Timeout bounds the test
            pair.accepted.send("after the timeout");
            assertThat(text(pair.client.receive(64))).isEqualTo("after the timeout");
            pair.client.send("and back");
            assertThat(text(pair.accepted.receive(64))).isEqualTo("and back");
        }
    }

    @Test
    void aNegativeReadTimeoutIsRejected() throws Exception {
        try (LoopbackPair pair = LoopbackPair.open()) {
            assertThatThrownBy(() -> pair.client.setReadTimeout(Duration.ofMillis(-1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("negative");
        }
    }

    @Test
    void anInterruptedReceiveThrowsInterruptedIoKeepsTheFlagAndLeavesTheConnectionUsable() throws Exception {
        try (LoopbackPair pair = LoopbackPair.open(); TestThreads threads = new TestThreads(1)) {
            AtomicReference<Thread> reader = new AtomicReference<>();
            AtomicBoolean flagAfterFailure = new AtomicBoolean();
            CountDownLatch started = new CountDownLatch(1);
            Future<Throwable> blocked = threads.submit(() -> {
                reader.set(Thread.currentThread());
                started.countDown();
                Throwable t = catchThrowable(() -> pair.client.receive(64));
                flagAfterFailure.set(Thread.currentThread().isInterrupted());
                Thread.interrupted(); // leave the pool thread clean
                return t;
            });
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
            TestThreads.awaitBlocked(reader.get(), Duration.ofSeconds(5));

            reader.get().interrupt();

            Throwable failure = blocked.get(10, TimeUnit.SECONDS);
            assertThat(failure).isInstanceOf(InterruptedIOException.class)
                    .isNotInstanceOf(SocketTimeoutException.class)
                    .hasMessageContaining("interrupted")
                    .hasMessageContaining(":" + pair.server.localAddress().getPort());
            assertThat(flagAfterFailure).isTrue();

            // Another thread (this one) goes on using the connection both ways.
            pair.accepted.send("after the interrupt");
            assertThat(text(pair.client.receive(64))).isEqualTo("after the interrupt");
            pair.client.send("still open");
            assertThat(text(pair.accepted.receive(64))).isEqualTo("still open");
        }
    }
}
