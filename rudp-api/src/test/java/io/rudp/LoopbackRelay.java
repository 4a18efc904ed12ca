package io.rudp;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;

/**
 * A UDP relay on loopback between one client and a server, whose plug a test can pull: after
 * {@link #cut()} it drops everything, as if the server's machine vanished. It can also drop the
 * client's next few datagrams ({@link #dropFromClient}).
 */
final class LoopbackRelay implements AutoCloseable {

    private final DatagramSocket socket;
    private final InetSocketAddress server;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean cut;
    private final java.util.concurrent.atomic.AtomicInteger clientDatagramsToDrop = new java.util.concurrent.atomic.AtomicInteger();
    private InetSocketAddress client;

    LoopbackRelay(InetSocketAddress server) throws IOException {
        this.server = server;
        this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.socket.setSoTimeout(50);
        this.thread = new Thread(this::relay, "loopback-relay");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    void cut() {
        cut = true;
    }

    /** Drops the next {@code count} datagrams from the client to the server. */
    void dropFromClient(int count) {
        clientDatagramsToDrop.set(count);
    }

    private void relay() {
        byte[] buf = new byte[65_536];
        while (running) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
            } catch (SocketTimeoutException e) {
                continue;
            } catch (IOException e) {
                return;
            }
            if (cut) {
                continue;
            }
            InetSocketAddress from = (InetSocketAddress) p.getSocketAddress();
            InetSocketAddress to;
            if (from.equals(server)) {
                to = client;
            } else {
                client = from;
                to = server;
                if (clientDatagramsToDrop.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    continue;
                }
            }
            if (to != null) {
                try {
                    socket.send(new DatagramPacket(p.getData(), p.getLength(), to));
                } catch (IOException ignored) {
                    // a lost datagram
                }
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        socket.close();
        thread.join(5_000);
    }
}
