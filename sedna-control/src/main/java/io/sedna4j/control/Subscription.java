package io.sedna4j.control;

/** A registered listener; closing it unregisters. */
@FunctionalInterface
public interface Subscription extends AutoCloseable {
    @Override
    void close();
}
