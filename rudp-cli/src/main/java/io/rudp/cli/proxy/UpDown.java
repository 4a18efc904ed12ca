package io.rudp.cli.proxy;

/**
 * A value for each direction of the proxy: {@code up} from clients to the target, {@code down}
 * from the target to clients.
 *
 * @param <T> the value's type
 * @param up client to target
 * @param down target to client
 */
public record UpDown<T>(T up, T down) {

    /** The same value both ways. */
    public static <T> UpDown<T> both(T value) {
        return new UpDown<>(value, value);
    }
}
