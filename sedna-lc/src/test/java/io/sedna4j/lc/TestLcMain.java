package io.sedna4j.lc;

import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/** A Local Controller as its own process, for the tests that kill it. Args: GM URL, node directory's parent. */
public final class TestLcMain {
    private TestLcMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        LocalController lc = LocalController.start(TestLc.config(URI.create(args[0]), Path.of(args[1])), TestLc.FAST);
        System.out.println("LC started, worker API port " + lc.workerApiPort());
        new CountDownLatch(1).await(); // until killed; the shutdown hook stops the workers
    }
}
