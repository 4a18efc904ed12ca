package io.rudp.cli.support;

import java.lang.reflect.Method;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A thread per task for serving connections: virtual threads when the JDK has them (21+, found
 * by reflection since the code targets Java 17), otherwise daemon platform threads.
 */
public final class ConnectionThreads {

    private ConnectionThreads() {
    }

    /** A new executor starting one thread per task; {@code name} prefixes platform thread names. */
    public static ExecutorService newPerTaskExecutor(String name) {
        try {
            Method m = Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
            return (ExecutorService) m.invoke(null);
        } catch (ReflectiveOperationException | RuntimeException notAvailable) {
            AtomicInteger n = new AtomicInteger();
            ThreadFactory factory = r -> {
                Thread t = new Thread(r, name + "-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            };
            return Executors.newCachedThreadPool(factory);
        }
    }

    /** True if {@link #newPerTaskExecutor} gives virtual threads on this JDK. */
    public static boolean virtual() {
        try {
            Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}
