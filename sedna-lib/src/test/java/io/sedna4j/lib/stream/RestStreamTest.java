package io.sedna4j.lib.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class RestStreamTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Duration BACKOFF = Duration.ofMillis(200);
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void twoCamerasArriveOnceEachAndInOrderPerCamera() throws Exception {
        Received received = new Received();
        try (RestObjectSubscriber subscriber = new RestObjectSubscriber("127.0.0.1", 0);
                ObjectPublisher publisher = new RestObjectPublisher(t -> subscriber.url(), 100, BACKOFF)) {
            subscriber.subscribe(Topics.OBJECT_DETECTION, received);
            for (int frame = 0; frame < 30; frame++) {
                publisher.publish(Topics.OBJECT_DETECTION, Messages.detected("cam-a", frame));
                publisher.publish(Topics.OBJECT_DETECTION, Messages.detected("cam-b", frame));
            }

            assertThat(publisher.flush(WAIT)).isTrue();
            assertThat(received.count()).isEqualTo(60);
            assertThat(received.framesByCamera())
                    .containsEntry("cam-a", Received.range(0, 30)).containsEntry("cam-b", Received.range(0, 30));
            assertThat(received.messages()).contains(Messages.detected("cam-a", 29));
            assertThat(publisher.stats()).isEqualTo(new ObjectPublisher.Stats(60, 60, 0, 0));
        }
    }

    @Test
    void framesPublishedWhileTheReceiverIsDownArriveWhenItIsBackOnceEach() throws Exception {
        int port = freePort();
        Received received = new Received();
        try (ObjectPublisher publisher = new RestObjectPublisher(
                t -> URI.create("http://127.0.0.1:" + port + "/"), 100, BACKOFF)) {
            RestObjectSubscriber first = new RestObjectSubscriber("127.0.0.1", port);
            first.subscribe(Topics.ENRICHED_OBJECT, received);
            publishFrames(publisher, Topics.ENRICHED_OBJECT, 0, 10);
            assertThat(publisher.flush(WAIT)).isTrue();
            first.close();

            publishFrames(publisher, Topics.ENRICHED_OBJECT, 10, 25);
            Thread.sleep(600);
            assertThat(publisher.stats().pending()).as("frames kept while the receiver is away").isEqualTo(30);
            assertThat(received.count()).isEqualTo(20);

            try (RestObjectSubscriber second = new RestObjectSubscriber("127.0.0.1", port)) {
                second.subscribe(Topics.ENRICHED_OBJECT, received);
                publishFrames(publisher, Topics.ENRICHED_OBJECT, 25, 30);
                assertThat(publisher.flush(WAIT)).isTrue();
            }
            assertThat(received.framesByCamera())
                    .containsEntry("cam-a", Received.range(0, 30)).containsEntry("cam-b", Received.range(0, 30));
            assertThat(received.count()).isEqualTo(60);
            assertThat(publisher.stats()).isEqualTo(new ObjectPublisher.Stats(60, 60, 0, 0));
        }
    }

    @Test
    void aFullBufferDropsTheOldestAndCountsThem() throws Exception {
        int port = freePort();
        Received received = new Received();
        try (ObjectPublisher publisher = new RestObjectPublisher(
                t -> URI.create("http://127.0.0.1:" + port), 5, BACKOFF)) {
            for (int frame = 0; frame < 12; frame++) {
                publisher.publish(Topics.OBJECT_DETECTION, Messages.detected("cam-a", frame));
            }
            assertThat(publisher.stats().dropped()).isEqualTo(7);

            try (RestObjectSubscriber subscriber = new RestObjectSubscriber("127.0.0.1", port)) {
                subscriber.subscribe(Topics.OBJECT_DETECTION, received);
                assertThat(publisher.flush(WAIT)).isTrue();
            }
            assertThat(received.count()).isEqualTo(5);
            assertThat(received.framesByCamera().get("cam-a")).doesNotHaveDuplicates().contains(11L).isSorted();
            assertThat(publisher.stats()).isEqualTo(new ObjectPublisher.Stats(12, 5, 7, 0));
        }
    }

    @Test
    void aRepeatedPostIsAnsweredAsDuplicateAndHandledOnce() throws Exception {
        Received received = new Received();
        try (RestObjectSubscriber subscriber = new RestObjectSubscriber("127.0.0.1", 0)) {
            subscriber.subscribe(Topics.OBJECT_DETECTION, received);
            byte[] body = MessageCodec.encode(Messages.detected("cam-a", 3));

            HttpResponse<String> first = post(subscriber, Topics.OBJECT_DETECTION, body);
            HttpResponse<String> again = post(subscriber, Topics.OBJECT_DETECTION, body);

            assertThat(first.statusCode()).isEqualTo(204);
            assertThat(first.headers().firstValue("Sedna4j-Delivery")).hasValue("handled");
            assertThat(again.statusCode()).isEqualTo(204);
            assertThat(again.headers().firstValue("Sedna4j-Delivery")).hasValue("duplicate");
            assertThat(received.count()).isEqualTo(1);
            assertThat(subscriber.stats().duplicates()).isEqualTo(1);
        }
    }

    @Test
    void badRequestsAreAnsweredWithTheReasonAndNotRetried() throws Exception {
        Received received = new Received();
        try (RestObjectSubscriber subscriber = new RestObjectSubscriber("127.0.0.1", 0)) {
            subscriber.subscribe(Topics.OBJECT_DETECTION, received);

            HttpResponse<String> pickle = post(subscriber, Topics.OBJECT_DETECTION, new byte[] {(byte) 0x80, 4});
            assertThat(pickle.statusCode()).isEqualTo(400);
            assertThat(pickle.body()).contains("SDN4").contains("fix:");

            HttpResponse<String> elsewhere = post(subscriber, "enriched_objects",
                    MessageCodec.encode(Messages.detected("cam-a", 0)));
            assertThat(elsewhere.statusCode()).isEqualTo(404);
            assertThat(elsewhere.body()).contains("[object_detection]");

            try (ObjectPublisher publisher = new RestObjectPublisher(t -> subscriber.url(), 10, BACKOFF)) {
                publisher.publish("enriched_objects", Messages.detected("cam-a", 0));
                assertThat(publisher.flush(WAIT)).isTrue();
                assertThat(publisher.stats()).isEqualTo(new ObjectPublisher.Stats(1, 0, 1, 0));
            }
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                    subscriber.url().resolve("/objects")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.body()).contains("\"topics\":[\"object_detection\"]").contains("\"undecodable\":1");
        }
    }

    @Test
    void aHandlerThatThrowsIsCountedAndTheStreamGoesOn() throws Exception {
        Received received = new Received();
        try (RestObjectSubscriber subscriber = new RestObjectSubscriber("127.0.0.1", 0);
                ObjectPublisher publisher = new RestObjectPublisher(t -> subscriber.url(), 10, BACKOFF)) {
            subscriber.subscribe(Topics.OBJECT_DETECTION, (topic, m) -> {
                if (m.frame().number() == 1) {
                    throw new IllegalStateException("model crashed");
                }
                received.handle(topic, m);
            });
            publishFrames(publisher, Topics.OBJECT_DETECTION, 0, 3);

            assertThat(publisher.flush(WAIT)).isTrue();
            assertThat(received.framesByCamera().get("cam-a")).containsExactly(0L, 2L);
            assertThat(subscriber.stats().failed()).isEqualTo(2);
        }
    }

    private static void publishFrames(ObjectPublisher publisher, String topic, int from, int to) {
        for (int frame = from; frame < to; frame++) {
            publisher.publish(topic, Messages.detected("cam-a", frame));
            publisher.publish(topic, Messages.detected("cam-b", frame));
        }
    }

    private HttpResponse<String> post(RestObjectSubscriber subscriber, String topic, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(subscriber.url().resolve("/objects/" + topic))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }
}
