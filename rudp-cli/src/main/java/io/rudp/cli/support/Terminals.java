package io.rudp.cli.support;

import java.io.Console;
import java.lang.reflect.Method;

/** Whether this process talks to an interactive terminal, and how wide it is. */
public final class Terminals {

    private Terminals() {
    }

    /**
     * True if the JVM has a console attached to a terminal. On JDK 22+ {@code System.console()}
     * exists even when redirected, so {@code Console.isTerminal()} is consulted (by reflection,
     * the code targets Java 17).
     */
    public static boolean isInteractive() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException | RuntimeException notAvailable) {
            return true; // before JDK 22, a non-null console means a terminal
        }
    }

    /** The terminal width from {@code $COLUMNS}, else 80. */
    public static int width() {
        String columns = System.getenv("COLUMNS");
        if (columns != null) {
            try {
                int n = Integer.parseInt(columns.trim());
                if (n >= 20 && n <= 1000) {
                    return n;
                }
            } catch (NumberFormatException ignored) {
                // fall through to the default
            }
        }
        return 80;
    }
}
