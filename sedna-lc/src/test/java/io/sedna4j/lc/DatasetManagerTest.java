package io.sedna4j.lc;

import static io.sedna4j.lc.TestLc.NODE;
import static io.sedna4j.lc.TestLc.TOKEN;
import static io.sedna4j.lc.TestLc.WAIT;
import static io.sedna4j.lc.TestLc.sleep;
import static org.assertj.core.api.Assertions.assertThat;

import io.sedna4j.api.link.Frame;
import io.sedna4j.api.link.Operation;
import io.sedna4j.api.link.UpstreamMessage;
import io.sedna4j.api.v1alpha1.Dataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@SuppressWarnings("try") // an LC kept open by try-with-resources, and closed on purpose in the middle
class DatasetManagerTest {
    @TempDir
    Path dir;

    @Test
    void theSampleCountIsReportedAtOnceAndAgainWhenLinesAreAppended() throws Exception {
        Path index = Files.writeString(dir.resolve("train.txt"), "a.jpg 1\nb.jpg 0\n\nc.jpg 1\n");
        try (FakeGm gm = FakeGm.start(0, TOKEN); LocalController lc = TestLc.start(gm, dir)) {
            gm.awaitConnection(1, WAIT);
            insert(gm, "ds", index.toString(), "txt");
            gm.await(samples("ds", 3), WAIT);
            Files.writeString(index, "d.jpg 0\ne.jpg 1\n", StandardOpenOption.APPEND);
            gm.await(samples("ds", 5), WAIT);
            sleep(300);
            assertThat(reports(gm, "ds")).as("reported on change only").containsExactly(3, 5);
            Frame f = gm.await(samples("ds", 5), WAIT);
            assertThat(f.header()).isEqualTo(new Frame.Header("default", "dataset", "ds", Operation.STATUS));
            assertThat(new String(java.util.Base64.getDecoder().decode(f.content())))
                    .isEqualToIgnoringWhitespace("{\"output\":{\"ownerInfo\":{\"numberOfSamples\":5}}}");
        }
    }

    @Test
    void aCsvIndexGivenAsFileUrlDoesNotCountItsHeader() throws Exception {
        Path index = Files.writeString(dir.resolve("train.csv"), "image,label\na.jpg,1\nb.jpg,0\n");
        try (FakeGm gm = FakeGm.start(0, TOKEN); LocalController lc = TestLc.start(gm, dir)) {
            gm.awaitConnection(1, WAIT);
            insert(gm, "csv", index.toUri().toString(), "csv");
            gm.await(samples("csv", 2), WAIT);
        }
    }

    @Test
    void aMissingIndexCountsZeroUntilItIsCreated() throws Exception {
        Path index = dir.resolve("later.txt");
        try (FakeGm gm = FakeGm.start(0, TOKEN); LocalController lc = TestLc.start(gm, dir)) {
            gm.awaitConnection(1, WAIT);
            insert(gm, "later", index.toString(), "txt");
            gm.await(samples("later", 0), WAIT);
            Files.writeString(index, "x\ny\n");
            gm.await(samples("later", 2), WAIT);
        }
    }

    @Test
    void datasetsAreWatchedAgainAfterAnLcRestartWithoutTheGmResendingThem() throws Exception {
        Path index = Files.writeString(dir.resolve("train.txt"), "a\nb\n");
        try (FakeGm gm = FakeGm.start(0, TOKEN)) {
            try (LocalController lc = TestLc.start(gm, dir)) {
                gm.awaitConnection(1, WAIT);
                insert(gm, "ds", index.toString(), "txt");
                gm.await(samples("ds", 2), WAIT);
            }
            Files.writeString(index, "c\n", StandardOpenOption.APPEND);
            try (LocalController lc = TestLc.start(gm, dir)) {
                gm.await(samples("ds", 3), WAIT);
            }
        }
    }

    @Test
    void aDeletedDatasetIsNoLongerWatchedAndRemoteIndexesAreNotCounted() throws Exception {
        Path index = Files.writeString(dir.resolve("train.txt"), "a\n");
        try (FakeGm gm = FakeGm.start(0, TOKEN); LocalController lc = TestLc.start(gm, dir)) {
            gm.awaitConnection(1, WAIT);
            insert(gm, "ds", index.toString(), "txt");
            insert(gm, "remote", "s3://bucket/index.txt", "txt");
            gm.await(samples("ds", 1), WAIT);
            long deleted = gm.send(new Frame.Header("default", "dataset", "ds", Operation.DELETE), dataset("ds",
                    index.toString(), "txt"));
            gm.await(f -> f.ack() != null && f.ack() >= deleted, WAIT);
            Files.writeString(index, "b\n", StandardOpenOption.APPEND);
            sleep(400);
            assertThat(reports(gm, "ds")).containsExactly(1);
            assertThat(reports(gm, "remote")).isEmpty();
        }
    }

    private static Dataset dataset(String name, String url, String format) {
        Dataset ds = new Dataset();
        ds.metadata.name = name;
        ds.metadata.namespace = "default";
        ds.spec = new Dataset.Spec();
        ds.spec.url = url;
        ds.spec.format = format;
        ds.spec.nodeName = NODE;
        return ds;
    }

    private static void insert(FakeGm gm, String name, String url, String format) {
        gm.send(new Frame.Header("default", "dataset", name, Operation.INSERT), dataset(name, url, format));
    }

    private static Predicate<Frame> samples(String dataset, int n) {
        return f -> isReport(f, dataset) && count(f) == n;
    }

    private static boolean isReport(Frame f, String dataset) {
        return f.header() != null && Operation.STATUS.equals(f.header().operation())
                && "dataset".equals(f.header().resourceKind()) && dataset.equals(f.header().resourceName());
    }

    private static int count(Frame f) {
        return f.content(UpstreamMessage.class).output().path("ownerInfo").path("numberOfSamples").asInt();
    }

    private static List<Integer> reports(FakeGm gm, String dataset) {
        return gm.frames(Operation.STATUS).stream().filter(f -> isReport(f, dataset)).map(DatasetManagerTest::count)
                .toList();
    }
}
