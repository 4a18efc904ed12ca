package io.rudp.core;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.random.RandomGenerator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Mints and checks the stateless handshake cookies of docs/PROTOCOL.md §4 (the SYN-cookie idea,
 * keyed): a token is an HMAC-SHA256 over the client's address and port, both connection ids, the
 * mint time and the key id, under a secret that rotates every {@code lifetimeNanos}. The server
 * keeps no per-client state: a RESPONSE carrying a valid token proves the client receives at the
 * address it claims.
 *
 * <p>Token layout (25 bytes): key id (1) | minted-at nanos (8) | first 16 bytes of the MAC.
 */
final class HandshakeCookies {

    static final int TOKEN_BYTES = 25;
    private static final int MAC_BYTES = 16;
    private static final String ALGORITHM = "HmacSHA256";

    private final RandomGenerator random;
    private final long lifetimeNanos;
    private final byte[] macInput = new byte[16 + 2 + 8 + 8 + 8 + 1];
    private Mac currentMac;
    private Mac previousMac;
    private int currentKeyId;
    private long currentKeySinceNanos;
    private boolean started;

    HandshakeCookies(RandomGenerator random, long lifetimeNanos) {
        this.random = random;
        this.lifetimeNanos = lifetimeNanos;
    }

    /** A token for this client attempt, valid for {@code lifetimeNanos} from {@code nowNanos}. */
    byte[] mint(long nowNanos, InetSocketAddress client, long clientCid, long serverCid) {
        rotateIfDue(nowNanos);
        byte[] token = new byte[TOKEN_BYTES];
        ByteBuffer b = ByteBuffer.wrap(token);
        b.put((byte) currentKeyId);
        b.putLong(nowNanos);
        b.put(mac(currentMac, client, clientCid, serverCid, nowNanos, currentKeyId), 0, MAC_BYTES);
        return token;
    }

    /**
     * The time the token was minted if it is genuine, unexpired and names exactly this client
     * attempt; {@code Long.MIN_VALUE} otherwise.
     */
    long verify(long nowNanos, InetSocketAddress client, long clientCid, long serverCid, byte[] token) {
        if (!started || token.length != TOKEN_BYTES) {
            return Long.MIN_VALUE;
        }
        rotateIfDue(nowNanos);
        ByteBuffer b = ByteBuffer.wrap(token);
        int keyId = b.get() & 0xFF;
        long mintedAtNanos = b.getLong();
        long ageNanos = nowNanos - mintedAtNanos;
        if (ageNanos < 0 || ageNanos > lifetimeNanos) {
            return Long.MIN_VALUE;
        }
        Mac mac;
        if (keyId == currentKeyId) {
            mac = currentMac;
        } else if (keyId == ((currentKeyId - 1) & 0xFF) && previousMac != null) {
            mac = previousMac;
        } else {
            return Long.MIN_VALUE;
        }
        byte[] expected = mac(mac, client, clientCid, serverCid, mintedAtNanos, keyId);
        byte[] actual = new byte[MAC_BYTES];
        b.get(actual);
        // Constant-time comparison: a forger learns nothing from how long the check takes.
        return MessageDigest.isEqual(java.util.Arrays.copyOf(expected, MAC_BYTES), actual) ? mintedAtNanos : Long.MIN_VALUE;
    }

    private void rotateIfDue(long nowNanos) {
        if (!started) {
            currentMac = newMac();
            currentKeySinceNanos = nowNanos;
            started = true;
        } else if (nowNanos - currentKeySinceNanos >= lifetimeNanos) {
            // A token lives at most one lifetime, so the previous key covers every live token.
            boolean skippedAPeriod = nowNanos - currentKeySinceNanos >= 2 * lifetimeNanos;
            previousMac = skippedAPeriod ? null : currentMac;
            currentMac = newMac();
            currentKeyId = (currentKeyId + 1) & 0xFF;
            currentKeySinceNanos = nowNanos;
        }
    }

    private Mac newMac() {
        byte[] key = new byte[32];
        random.nextBytes(key);
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK lacks " + ALGORITHM + ", which every Java SE runtime must provide", e);
        }
    }

    private byte[] mac(Mac mac, InetSocketAddress client, long clientCid, long serverCid, long mintedAtNanos, int keyId) {
        ByteBuffer in = ByteBuffer.wrap(macInput);
        byte[] ip = client.getAddress().getAddress();
        // IPv4 addresses are written in their IPv4-mapped IPv6 form so both families share one layout.
        if (ip.length == 4) {
            in.put(new byte[10]).put((byte) 0xFF).put((byte) 0xFF);
        }
        in.put(ip);
        in.putShort((short) client.getPort());
        in.putLong(clientCid);
        in.putLong(serverCid);
        in.putLong(mintedAtNanos);
        in.put((byte) keyId);
        return mac.doFinal(macInput);
    }
}
