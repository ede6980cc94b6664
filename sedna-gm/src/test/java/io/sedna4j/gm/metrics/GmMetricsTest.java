package io.sedna4j.gm.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.search.Search;
import io.sedna4j.gm.GlobalManager;
import io.sedna4j.gm.GmConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GmMetricsTest {
    @TempDir
    Path dir;

    @Test
    void theEnginesMetersKeepCountingAfterAGarbageCollection() throws Exception {
        try (GlobalManager gm = GlobalManager.start(GmConfig.defaults(dir).withPort(0))) {
            for (int i = 0; i < 3; i++) {
                System.gc(); // Micrometer holds function meters weakly: a lost reference reads NaN from then on
                Thread.sleep(50);
            }
            double depth = Search.in(gm.metrics()).name("sedna_reconcile_queue_depth").gauge().value();
            double reconciles = Search.in(gm.metrics()).name("sedna_reconciles").functionCounter().count();

            assertThat(depth).isNotNaN();
            assertThat(reconciles).isNotNaN();
        }
    }
}
