package io.rudp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The example from the original feature list, over real UDP on loopback. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FrontDoorExampleTest {

    @Test
    void clientAndServerExchangeMessagesAndCloseCleanly() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (ReliableServer server = new ReliableServer("127.0.0.1", 0)) {
            server.listen();
            int port = server.localAddress().getPort();
            Future<String> serverSide = pool.submit(() -> {
                ClientConnection session = server.accept(Duration.ofSeconds(30));
                byte[] msg = session.receive(1024);
                session.send("message received");
                session.close();
                return new String(msg, StandardCharsets.UTF_8);
            });

            ReliableSocket sock = new ReliableSocket("127.0.0.1", port);
            sock.connect();
            sock.send("new message from client");
            byte[] response = sock.receive(1024);
            sock.close();

            assertThat(new String(response, StandardCharsets.UTF_8)).isEqualTo("message received");
            assertThat(serverSide.get(30, TimeUnit.SECONDS)).isEqualTo("new message from client");
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }
}
