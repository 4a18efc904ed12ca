package io.rudp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A ReliableSocket or ClientConnection used in the wrong order fails with a typed, explained exception. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SocketMisuseTest {

    private static final int UNUSED_PORT = 9; // never contacted: these sockets are never connected

    private static ReliableSocket unconnectedSocket() {
        return new ReliableSocket(new InetSocketAddress("127.0.0.1", UNUSED_PORT), LoopbackPair.FAST);
    }

    private static String portOf(ReliableServer server) {
        return ":" + server.localAddress().getPort();
    }

    @Test
    void sendBeforeConnectSaysNotConnected() throws Exception {
        try (ReliableSocket socket = unconnectedSocket()) {
            assertThatThrownBy(() -> socket.send("hello"))
                    .isInstanceOf(SocketException.class)
                    .isNotInstanceOf(ConnectionClosedException.class)
                    .hasMessageContaining("not connected");
        }
    }

    @Test
    void receiveBeforeConnectSaysNotConnected() throws Exception {
        try (ReliableSocket socket = unconnectedSocket()) {
            assertThatThrownBy(() -> socket.receive(16))
                    .isInstanceOf(SocketException.class)
                    .isNotInstanceOf(ConnectionClosedException.class)
                    .hasMessageContaining("not connected");
            assertThatThrownBy(() -> socket.receiveMessage())
                    .isInstanceOf(SocketException.class)
                    .isNotInstanceOf(ConnectionClosedException.class)
                    .hasMessageContaining("not connected");
        }
    }

    @Test
    void connectingTwiceSaysAlreadyConnected() throws Exception {
        try (LoopbackPair pair = LoopbackPair.open()) {
            assertThatThrownBy(() -> pair.client.connect())
                    .isInstanceOf(SocketException.class)
                    .isNotInstanceOf(ConnectionClosedException.class)
                    .hasMessageContaining("already connected")
                    .hasMessageContaining(portOf(pair.server));
            pair.client.send("still fine");
            assertThat(new String(pair.accepted.receive(64), StandardCharsets.UTF_8)).isEqualTo("still fine");
        }
    }

    @Test
    void connectAfterCloseOfAnUnconnectedSocketFailsAsClosed() throws Exception {
        ReliableSocket socket = unconnectedSocket();
        socket.close();
        assertThatThrownBy(socket::connect)
                .isInstanceOf(ConnectionClosedException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> socket.receive(16))
                .isInstanceOf(ConnectionClosedException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void connectAfterCloseOfAConnectedSocketFailsAsClosed() throws Exception {
        try (LoopbackPair pair = LoopbackPair.open()) {
            pair.client.close();
            assertThatThrownBy(pair.client::connect)
                    .isInstanceOf(ConnectionClosedException.class)
                    .hasMessageContaining("closed");
        }
    }

    @Test
    void sendAfterCloseFailsAsClosedNamingThePeer() throws Exception {
        try (LoopbackPair pair = LoopbackPair.open()) {
            pair.client.close();
            assertThatThrownBy(() -> pair.client.send("late"))
                    .isInstanceOf(ConnectionClosedException.class)
                    .hasMessageContaining("closed")
                    .hasMessageContaining(portOf(pair.server));
            assertThatThrownBy(() -> pair.client.sendMessage(new byte[1]))
                    .isInstanceOf(ConnectionClosedException.class)
                    .hasMessageContaining("closed");
        }
    }

    @Test
    void sendAfterCloseOnTheServerSideFailsAsClosed() throws Exception {
        try (LoopbackPair pair = LoopbackPair.open()) {
            pair.accepted.close();
            assertThatThrownBy(() -> pair.accepted.send("late"))
                    .isInstanceOf(ConnectionClosedException.class)
                    .hasMessageContaining("closed")
                    .hasMessageContaining(":" + pair.client.localAddress().getPort());
        }
    }

    @Test
    void receiveAfterCloseFailsAsClosed() throws Exception {
        try (LoopbackPair pair = LoopbackPair.open()) {
            pair.client.close();
            assertThatThrownBy(() -> pair.client.receive(16))
                    .isInstanceOf(ConnectionClosedException.class)
                    .hasMessageContaining("closed")
                    .hasMessageContaining(portOf(pair.server));
            assertThatThrownBy(() -> pair.client.receive(new byte[16], 0, 16))
                    .isInstanceOf(ConnectionClosedException.class);
            assertThatThrownBy(() -> pair.client.receiveMessage())
                    .isInstanceOf(ConnectionClosedException.class);
        }
    }

    @Test
    void receiveAfterCloseFailsEvenWhenUnreadBytesHadArrived() throws Exception {
        try (LoopbackPair pair = LoopbackPair.open()) {
            pair.accepted.send("ab"); // one send of two bytes travels in one packet
            assertThat(pair.client.receive(1)).containsExactly((byte) 'a'); // so 'b' has arrived too
            pair.client.close();
            // close() documents "Further receives fail": the unread 'b' must not be handed out.
            assertThatThrownBy(() -> pair.client.receive(16))
                    .isInstanceOf(ConnectionClosedException.class)
                    .hasMessageContaining("closed");
        }
    }

    @Test
    void sendAfterShutdownOutputFailsAsClosedSayingOutputWasShutDown() throws Exception {
        try (LoopbackPair pair = LoopbackPair.open()) {
            pair.client.shutdownOutput();
            assertThatThrownBy(() -> pair.client.send("late"))
                    .isInstanceOf(ConnectionClosedException.class)
                    .hasMessageContaining("shut down")
                    .hasMessageContaining(portOf(pair.server));
            // Receiving goes on after a half-close.
            pair.accepted.send("reply");
            assertThat(new String(pair.client.receive(64), StandardCharsets.UTF_8)).isEqualTo("reply");
        }
    }

    @Test
    void closingTwiceIsHarmlessOnBothSides() throws Exception {
        try (LoopbackPair pair = LoopbackPair.open()) {
            pair.client.send("bye");
            assertThatCode(() -> {
                pair.client.close();
                pair.client.close();
            }).doesNotThrowAnyException();
            assertThat(new String(pair.accepted.receive(64), StandardCharsets.UTF_8)).isEqualTo("bye");
            assertThat(pair.accepted.receive(new byte[8], 0, 8)).isEqualTo(-1);
            assertThatCode(() -> {
                pair.accepted.close();
                pair.accepted.close();
            }).doesNotThrowAnyException();
        }
    }

    @Test
    void closingAnUnconnectedSocketTwiceIsHarmless() {
        ReliableSocket socket = unconnectedSocket();
        assertThatCode(() -> {
            socket.close();
            socket.close();
            socket.abort("never connected");
        }).doesNotThrowAnyException();
    }

    @Test
    void abortAfterCloseDoesNotThrow() throws Exception {
        try (LoopbackPair pair = LoopbackPair.open()) {
            pair.client.close();
            pair.accepted.close();
            assertThatCode(() -> {
                pair.client.abort("after close");
                pair.accepted.abort("after close");
            }).doesNotThrowAnyException();
        }
    }

    @Test
    void abortAfterACompletedCloseDoesNotResetThePeer() throws Exception {
        try (LoopbackPair pair = LoopbackPair.open()) {
            pair.client.send("everything");
            pair.client.close(); // returns once the server acknowledged everything, FIN included
            pair.client.abort("too late to matter"); // harmless: there is nothing left to abort

            assertThat(new String(pair.accepted.receive(64), StandardCharsets.UTF_8)).isEqualTo("everything");
            assertThat(pair.accepted.receive(new byte[8], 0, 8)).isEqualTo(-1);
            // The server's own graceful close completes normally (its FIN acknowledged by the
            // client, which is waiting for it), instead of failing as reset by the late abort.
            assertThatCode(pair.accepted::close).doesNotThrowAnyException();
        }
    }

    @Test
    void abortTwiceAndCloseAfterAbortAreHarmless() throws Exception {
        try (LoopbackPair pair = LoopbackPair.open()) {
            assertThatCode(() -> {
                pair.client.abort("first");
                pair.client.abort("second");
                pair.client.close();
            }).doesNotThrowAnyException();
            assertThatThrownBy(() -> pair.client.send("x"))
                    .isInstanceOf(ConnectionClosedException.class)
                    .hasMessageContaining("closed");
        }
    }
}
