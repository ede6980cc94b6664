package io.sedna4j.control.testing;

import java.time.Duration;

/** Polls an assertion until it holds, for tests of the engine's threads: no fixed sleeps. */
public final class Eventually {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private Eventually() {
    }

    public static void eventually(Runnable assertion) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            try {
                assertion.run();
                return;
            } catch (AssertionError | RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }
}
