package io.sedna4j.lib.stream;

import io.sedna4j.lib.LibException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes by {@code POST <receiver>/objects/<topic>} (for {@code kafkaSupport: false}). One thread sends the
 * messages in order; while the receiver is down it retries the oldest with growing backoff and keeps up to
 * {@code capacity} messages in memory, then drops the oldest, with a counted warning. A message the receiver
 * refuses (400: not decodable, 404: no such topic there, 500: its handler failed) is dropped and logged, not retried.
 */
public final class RestObjectPublisher implements ObjectPublisher {
    private static final Logger log = LoggerFactory.getLogger(RestObjectPublisher.class);
    public static final int DEFAULT_CAPACITY = 256;
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(50);
    private static final Duration CLOSE = Duration.ofSeconds(5);

    /** A message on its way: where to, what (for logs), the bytes. */
    private record Pending(URI url, String what, byte[] body) {
    }

    private enum Result { DELIVERED, RETRY, REFUSED }

    private final Function<String, URI> receivers;
    private final int capacity;
    private final Duration maxBackoff;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Thread sender;
    // guarded by this
    private final Deque<Pending> queue = new ArrayDeque<>();
    private Pending inFlight;
    private long published;
    private long delivered;
    private long dropped;
    private long outageDrops;
    private long outageSince;
    private boolean closed;

    /**
     * @param receivers the receiver's base URL for a topic ("http://10.0.0.5:6000"); throws {@link LibException}
     *                  naming the variable to set when there is none
     * @param capacity  how many messages wait in memory while the receiver is away
     * @param maxBackoff the longest pause between retries
     */
    public RestObjectPublisher(Function<String, URI> receivers, int capacity, Duration maxBackoff) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        this.receivers = receivers;
        this.capacity = capacity;
        this.maxBackoff = maxBackoff;
        this.sender = new Thread(this::send, "rest-publisher");
        sender.setDaemon(true);
        sender.start();
    }

    @Override
    public void publish(String topic, ObjectMessage message) {
        String base = receivers.apply(topic).toString().replaceAll("/+$", "");
        Pending p = new Pending(URI.create(base + RestObjectSubscriber.PATH + topic), "frame "
                + message.frame().number() + " of camera " + message.camera() + " to " + topic,
                MessageCodec.encode(message));
        synchronized (this) {
            if (closed) {
                throw new LibException("cannot publish " + p.what() + ": the publisher is closed; fix: publish "
                        + "before close()");
            }
            if (queue.size() >= capacity) {
                dropOldest();
            }
            queue.addLast(p);
            published++;
            notifyAll();
        }
    }

    /** The oldest message not being sent right now. */
    private void dropOldest() {
        for (Iterator<Pending> it = queue.iterator(); it.hasNext(); ) {
            Pending p = it.next();
            if (p != inFlight) {
                it.remove();
                dropped++;
                if (outageDrops++ % 100 == 0) {
                    log.warn("the buffer of {} messages for {} is full; dropped {} ({} dropped so far); fix: bring "
                            + "the receiver back, or raise STREAM_BUFFER_MESSAGES", capacity, p.url(), p.what(), dropped);
                }
                return;
            }
        }
    }

    private void send() {
        Duration backoff = FIRST_BACKOFF;
        while (true) {
            Pending p;
            synchronized (this) {
                while (queue.isEmpty() && !closed) {
                    waitQuietly(0);
                }
                if (closed) {
                    return;
                }
                p = inFlight = queue.peekFirst();
            }
            Result result = post(p);
            synchronized (this) {
                inFlight = null;
                if (result != Result.RETRY) {
                    // absent when close() gave it up meanwhile, and counted it as dropped
                    boolean present = queue.removeFirstOccurrence(p);
                    if (!present) {
                        log.debug("{} was sent while closing", p.what());
                    } else if (result == Result.DELIVERED) {
                        delivered++;
                        recovered(p);
                    } else {
                        dropped++;
                    }
                    backoff = FIRST_BACKOFF;
                    notifyAll();
                    continue;
                }
                waitQuietly(backoff.toMillis());
            }
            backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
        }
    }

    private Result post(Pending p) {
        HttpRequest request = HttpRequest.newBuilder(p.url()).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(p.body())).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            if (status / 100 == 2) {
                return Result.DELIVERED;
            }
            if (status == 408 || status == 429 || status == 502 || status == 503 || status == 504) {
                return unreachable(p, "HTTP " + status);
            }
            log.warn("the receiver at {} refused {} (HTTP {}: {}); it is dropped", p.url(), p.what(), status,
                    response.body());
            return Result.REFUSED;
        } catch (IOException e) {
            return unreachable(p, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.RETRY;
        }
    }

    private synchronized Result unreachable(Pending p, String why) {
        if (outageSince == 0) {
            outageSince = System.nanoTime();
            outageDrops = 0;
            log.warn("the receiver at {} is unreachable ({}); keeping up to {} messages and retrying", p.url(), why,
                    capacity);
        }
        return Result.RETRY;
    }

    private void recovered(Pending p) {
        if (outageSince != 0) {
            log.info("the receiver at {} is back after {} s; {} message(s) dropped meanwhile, {} waiting", p.url(),
                    Duration.ofNanos(System.nanoTime() - outageSince).toSeconds(), outageDrops, queue.size());
            outageSince = 0;
        }
    }

    private void waitQuietly(long millis) {
        try {
            wait(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    @Override
    public synchronized boolean flush(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!queue.isEmpty() && System.nanoTime() < deadline) {
            try {
                wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return queue.isEmpty();
    }

    @Override
    public synchronized Stats stats() {
        return new Stats(published, delivered, dropped, queue.size());
    }

    @Override
    public void close() {
        flush(CLOSE);
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            if (!queue.isEmpty()) {
                log.warn("closing the publisher with {} message(s) undelivered, the oldest {}", queue.size(),
                        queue.peekFirst().what());
                dropped += queue.size();
                queue.clear();
            }
            notifyAll();
        }
        try {
            sender.join(CLOSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
