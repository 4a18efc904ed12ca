package io.rudp.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.rudp.ReliableServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Runs the two examples against each other on loopback and checks they print what the README says. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ExamplesTest {

    @Test
    void theServerAndClientExamplesPrintTheDocumentedOutput() throws Exception {
        ByteArrayOutputStream serverOut = new ByteArrayOutputStream();
        ByteArrayOutputStream clientOut = new ByteArrayOutputStream();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (ReliableServer server = new ReliableServer("127.0.0.1", 0)) {
            server.listen(); // idempotent: the example listens too, but the client must not race it
            Future<?> serving = pool.submit(() -> {
                ExampleServer.serve(server, 1, new PrintStream(serverOut, true, StandardCharsets.UTF_8));
                return null;
            });
            ExampleClient.run("127.0.0.1", server.localAddress().getPort(),
                    new PrintStream(clientOut, true, StandardCharsets.UTF_8));
            serving.get(30, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(serverOut.toString(StandardCharsets.UTF_8).lines())
                .containsExactly("listening...", "new session started", "new message from client");
        assertThat(clientOut.toString(StandardCharsets.UTF_8).lines())
                .containsExactly("session started", "message received");
    }
}
