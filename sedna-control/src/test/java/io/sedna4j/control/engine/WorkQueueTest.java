package io.sedna4j.control.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WorkQueueTest {
    private final WorkQueue queue = new WorkQueue(Duration.ofMillis(10), Duration.ofMillis(50));

    @AfterEach
    void shutdown() {
        queue.shutdown();
    }

    @Test
    void aKeyAddedTwiceIsQueuedOnce() throws InterruptedException {
        queue.add("a");
        queue.add("b");
        queue.add("a");

        assertThat(queue.depth()).isEqualTo(2);
        assertThat(queue.take()).isEqualTo("a");
        assertThat(queue.take()).isEqualTo("b");
    }

    @Test
    void aKeyBeingProcessedIsNotHandedOutAgainButRequeuedWhenDoneIfItChanged() throws InterruptedException {
        queue.add("a");
        assertThat(queue.take()).isEqualTo("a");
        queue.add("a");
        queue.add("b");

        assertThat(queue.take()).as("a is still being processed").isEqualTo("b");
        assertThat(queue.depth()).isZero();
        queue.done("a");
        assertThat(queue.take()).isEqualTo("a");
    }

    @Test
    void backoffDoublesPerFailureUpToTheCapAndResetsOnForget() {
        assertThat(queue.backoff("a")).isEqualTo(Duration.ofMillis(10));
        assertThat(queue.backoff("a")).isEqualTo(Duration.ofMillis(20));
        assertThat(queue.backoff("a")).isEqualTo(Duration.ofMillis(40));
        assertThat(queue.backoff("a")).isEqualTo(Duration.ofMillis(50));
        assertThat(queue.backoff("b")).isEqualTo(Duration.ofMillis(10));
        queue.forget("a");
        assertThat(queue.backoff("a")).isEqualTo(Duration.ofMillis(10));
    }

    @Test
    void aDelayedAddArrivesAfterItsDelayAndASoonerOneWins() throws InterruptedException {
        long start = System.nanoTime();
        queue.addAfter("a", Duration.ofSeconds(30));
        queue.addAfter("a", Duration.ofMillis(30));

        assertThat(queue.take()).isEqualTo("a");
        long waited = (System.nanoTime() - start) / 1_000_000;
        assertThat(waited).isBetween(30L, 5_000L);
    }

    @Test
    void shutdownWakesTakers() throws InterruptedException {
        Thread t = new Thread(queue::shutdown);
        t.start();
        assertThat(queue.take()).isNull();
        t.join();
    }
}
