package io.rudp.examples;

import io.rudp.ClientConnection;
import io.rudp.ReliableServer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The original feature list's server example: listen, accept sessions, print each first message,
 * answer "message received".
 *
 * <p>Usage: {@code ExampleServer [ip] [port] [sessions]} (defaults 127.0.0.1, 55265, forever).
 */
public final class ExampleServer {

    private ExampleServer() {
    }

    public static void main(String[] args) throws IOException {
        String ip = args.length > 0 ? args[0] : "127.0.0.1";
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 55265;
        long sessions = args.length > 2 ? Long.parseLong(args[2]) : Long.MAX_VALUE;
        try (ReliableServer server = new ReliableServer(ip, port)) {
            serve(server, sessions, System.out);
        }
    }

    /** Accepts {@code sessions} clients one after another on a listening-ready server. */
    static void serve(ReliableServer server, long sessions, PrintStream out) throws IOException {
        server.listen();
        out.println("listening...");
        for (long i = 0; i < sessions; i++) {
            ClientConnection session = server.accept();
            out.println("new session started");
            byte[] msg = session.receive(1024);
            out.println(new String(msg, StandardCharsets.UTF_8));
            session.send("message received");
            session.close();
        }
    }
}
