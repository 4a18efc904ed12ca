package io.rudp.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The traces still open in this JVM, closed (flushed) by one shutdown hook, so a process that
 * exits while a connection is still open (a command-line tool lingering after its transfer)
 * keeps its trace up to that point.
 */
final class TraceRegistry {

    private static final Set<JsonLinesTracer> OPEN = ConcurrentHashMap.newKeySet();

    static {
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(TraceRegistry::closeAll, "rudp-trace-flush"));
        } catch (IllegalStateException | SecurityException ignored) {
            // already shutting down, or not allowed: traces are still flushed on every state change
        }
    }

    private TraceRegistry() {
    }

    static void add(JsonLinesTracer tracer) {
        OPEN.add(tracer);
    }

    static void remove(JsonLinesTracer tracer) {
        OPEN.remove(tracer);
    }

    /** How many traces are open now. */
    static int openCount() {
        return OPEN.size();
    }

    private static void closeAll() {
        for (JsonLinesTracer tracer : OPEN.toArray(new JsonLinesTracer[0])) {
            tracer.closeNow();
        }
    }
}
