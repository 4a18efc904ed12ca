package io.rudp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** How the end of the peer's side shows up: a reset with its reason, or a clean end of stream. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PeerEndingTest {

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void aPeerAbortResetsOurReceiveWithThePeersReasonAndOurSendFailsToo() throws Exception {
        try (LoopbackPair pair = LoopbackPair.open()) {
            pair.accepted.abort("maintenance window");

            ConnectionResetException reset = catchThrowableOfType(ConnectionResetException.class,
                    () -> pair.client.receive(64));
            assertThat(reset).isNotNull();
            assertThat(reset).hasMessageContaining(":" + pair.server.localAddress().getPort())
                    .hasMessageContaining("maintenance window");
            assertThat(reset.reason()).isNotNull();
            assertThat(reset.reason().kind()).isEqualTo(CloseReason.Kind.RESET_BY_PEER);
            assertThat(reset.reason().message()).contains("maintenance window");

            assertThatThrownBy(() -> pair.client.send("anyone there?"))
                    .isInstanceOf(ConnectionResetException.class)
                    .hasMessageContaining("maintenance window");
            // The aborting side itself: its connection is closed to it.
            assertThatThrownBy(() -> pair.accepted.send("x"))
                    .isInstanceOf(ConnectionClosedException.class);
        }
    }

    @Test
    void afterThePeerShutsOutputDownReceiveReportsTheEndRepeatedlyAndWeCanStillSend() throws Exception {
        try (LoopbackPair pair = LoopbackPair.open()) {
            pair.accepted.send("last words");
            pair.accepted.shutdownOutput();

            assertThat(text(pair.client.receive(64))).isEqualTo("last words");
            for (int i = 0; i < 3; i++) {
                assertThat(pair.client.receive(64)).isEmpty();
                assertThat(pair.client.receive(new byte[64], 0, 64)).isEqualTo(-1);
            }
            assertThat(pair.client.getInputStream().read()).isEqualTo(-1);
            assertThat(pair.client.receiveMessage()).isNull();

            // Half-close: the other direction is still open.
            pair.client.send("I am still talking");
            assertThat(text(pair.accepted.receive(64))).isEqualTo("I am still talking");
        }
    }

    @Test
    void streamsRoundTripAndClosingTheOutputStreamEndsThePeersInputStream() throws Exception {
        byte[] request = new byte[200_000];
        new Random(42).nextBytes(request);
        byte[] response = new byte[50_000];
        new Random(43).nextBytes(response);
        try (LoopbackPair pair = LoopbackPair.open(); TestThreads threads = new TestThreads(1)) {
            Future<byte[]> serverSide = threads.submit(() -> {
                InputStream in = pair.accepted.getInputStream();
                byte[] got = in.readAllBytes(); // reads until -1
                int afterEnd = in.read();
                try (OutputStream out = pair.accepted.getOutputStream()) {
                    out.write(response);
                }
                return afterEnd == -1 ? got : null;
            });

            try (OutputStream out = pair.client.getOutputStream()) {
                out.write(request, 0, 1);
                out.write(request, 1, request.length - 1);
            }
            byte[] received = pair.client.getInputStream().readAllBytes();

            assertThat(serverSide.get(20, TimeUnit.SECONDS)).isEqualTo(request);
            assertThat(received).isEqualTo(response);
            assertThatThrownBy(() -> pair.client.getOutputStream().write(1))
                    .isInstanceOf(ConnectionClosedException.class)
                    .hasMessageContaining("shut down");
        }
    }
}
