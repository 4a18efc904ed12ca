package io.rudp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.rudp.ClientConnection;
import io.rudp.ReliableServer;
import io.rudp.ReliableSocket;
import io.rudp.RudpConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code rudp echo} and {@code rudp chat}, in-process over loopback. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EchoChatTest {

    private static Cli.Result chat(int port, String input, String... options) {
        String[] args = new String[2 + options.length];
        args[0] = "chat";
        args[1] = "127.0.0.1:" + port;
        System.arraycopy(options, 0, args, 2, options.length);
        return Cli.run(cli -> ((ChatCommand) cli.getSubcommands().get("chat").getCommand())
                        .setInput(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8))), args);
    }

    @Test
    void chatPrintsTheLinesEchoEchoesAndBothEndCleanly() throws Exception {
        try (Cli echo = Cli.start("echo", "--port", "0", "--bind", "127.0.0.1", "--count", "1")) {
            int port = echo.awaitListeningPort();

            Cli.Result chat = chat(port, "hello\nworld\nünïcödé ✓\n");

            assertThat(chat.exitCode()).as(chat.err()).isZero();
            assertThat(chat.out()).as("each reply marked apart from the typed line").isEqualTo("< hello\n< world\n< ünïcödé ✓\n");
            assertThat(chat.err()).startsWith("connected to 127.0.0.1:" + port).doesNotContain("rudp chat:");

            Cli.Result served = echo.await();
            assertThat(served.exitCode()).isZero();
            assertThat(served.out()).containsPattern("#1 127\\.0\\.0\\.1:\\d+ connected")
                    .containsPattern("#1 127\\.0\\.0\\.1:\\d+ closed: 28 B echoed")
                    .contains("done: 1 connection served, 28 B echoed");
        }
    }

    @Test
    void chatSendsALastLineWithoutNewlineAndAnEmptyInputJustCloses() throws Exception {
        try (Cli echo = Cli.start("echo", "--port", "0", "--bind", "127.0.0.1", "--count", "2")) {
            int port = echo.awaitListeningPort();

            Cli.Result partial = chat(port, "no newline at the end", "--raw");
            Cli.Result empty = chat(port, "");

            assertThat(partial.exitCode()).isZero();
            assertThat(partial.out()).as("--raw: as it came").isEqualTo("no newline at the end\n");
            assertThat(empty.exitCode()).isZero();
            assertThat(empty.out()).isEmpty();
            assertThat(echo.await().out()).contains("done: 2 connections served");
        }
    }

    @Test
    void echoServesSeveralClientsAtOnce() throws Exception {
        int clients = 3;
        try (Cli echo = Cli.start("echo", "--port", "0", "--bind", "127.0.0.1", "--count", String.valueOf(clients))) {
            InetSocketAddress server = new InetSocketAddress("127.0.0.1", echo.awaitListeningPort());
            ReliableSocket[] sockets = new ReliableSocket[clients];
            try {
                for (int i = 0; i < clients; i++) {
                    sockets[i] = new ReliableSocket(server, RudpConfig.defaults());
                    sockets[i].connect();
                }
                // All connected at once: each gets its own bytes back while the others stay open.
                for (int i = clients - 1; i >= 0; i--) {
                    byte[] message = ("client " + i).getBytes(StandardCharsets.UTF_8);
                    sockets[i].send(message);
                    assertThat(readExactly(sockets[i], message.length)).isEqualTo(message);
                }
                for (ReliableSocket s : sockets) {
                    s.shutdownOutput();
                    assertThat(s.receive(new byte[16], 0, 16)).isEqualTo(-1); // echo closes after our end
                }
            } finally {
                for (ReliableSocket s : sockets) {
                    if (s != null) {
                        s.close();
                    }
                }
            }
            Cli.Result served = echo.await();
            assertThat(served.exitCode()).isZero();
            for (int id = 1; id <= clients; id++) {
                assertThat(served.out()).containsPattern("#" + id + " \\S+ connected").containsPattern("#" + id + " \\S+ closed: 8 B");
            }
            assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("rudp-echo-") && t.isAlive());
        }
    }

    @Test
    void anInterruptedEchoServerStopsCleanlyWithASummary() throws Exception {
        try (Cli echo = Cli.start("echo", "--port", "0", "--bind", "127.0.0.1")) {
            echo.awaitListeningPort();
            echo.interrupt();

            Cli.Result served = echo.await();

            assertThat(served.exitCode()).isZero();
            assertThat(served.out()).contains("stopped: 0 connections served, 0 B echoed");
        }
    }

    @Test
    void chatEndsWhenThePeerClosesFirst() throws Exception {
        try (ReliableServer server = new ReliableServer(new InetSocketAddress("127.0.0.1", 0), RudpConfig.defaults());
             PipedOutputStream keyboard = new PipedOutputStream();
             PipedInputStream stdin = new PipedInputStream(keyboard)) {
            server.listen();
            Thread peer = new Thread(() -> {
                try (ClientConnection c = server.accept(Duration.ofSeconds(20))) {
                    c.send("bye\n");
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }, "peer");
            peer.start();

            Cli.Result chat = Cli.run(cli -> ((ChatCommand) cli.getSubcommands().get("chat").getCommand()).setInput(stdin),
                    "chat", "127.0.0.1:" + server.localAddress().getPort());
            peer.join(TimeUnit.SECONDS.toMillis(20));

            assertThat(chat.exitCode()).as(chat.err()).isZero();
            assertThat(chat.out()).isEqualTo("< bye\n");
            assertThat(chat.err()).contains("rudp chat: the peer closed the connection");
        }
    }

    private static byte[] readExactly(ReliableSocket s, int n) throws Exception {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buf = new byte[n];
        while (got.size() < n) {
            int r = s.receive(buf, 0, n - got.size());
            if (r < 0) {
                break;
            }
            got.write(buf, 0, r);
        }
        return got.toByteArray();
    }
}
