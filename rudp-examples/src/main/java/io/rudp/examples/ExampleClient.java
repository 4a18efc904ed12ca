package io.rudp.examples;

import io.rudp.ReliableSocket;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The original feature list's client example: connect, send a message, print the answer.
 *
 * <p>Usage: {@code ExampleClient [ip] [port]} (defaults 127.0.0.1, 55265).
 */
public final class ExampleClient {

    private ExampleClient() {
    }

    public static void main(String[] args) throws IOException {
        String ip = args.length > 0 ? args[0] : "127.0.0.1";
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 55265;
        run(ip, port, System.out);
    }

    static void run(String ip, int port, PrintStream out) throws IOException {
        try (ReliableSocket sock = new ReliableSocket(ip, port)) {
            sock.connect();
            out.println("session started");
            sock.send("new message from client");
            byte[] response = sock.receive(1024);
            out.println(new String(response, StandardCharsets.UTF_8));
        }
    }
}
