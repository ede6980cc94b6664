package io.sedna4j.lib.stream;

/** What a worker does with each message it receives. */
@FunctionalInterface
public interface ObjectHandler {
    /**
     * Handles one message. A handler that throws is logged and counted, and the message counts as consumed: retrying
     * it would hold back every later frame of the stream.
     */
    void handle(String topic, ObjectMessage message) throws Exception;
}
