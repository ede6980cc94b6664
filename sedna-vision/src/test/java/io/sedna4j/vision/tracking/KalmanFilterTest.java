package io.sedna4j.vision.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.sedna4j.lib.LibException;
import io.sedna4j.lib.inference.Detection;
import org.junit.jupiter.api.Test;

class KalmanFilterTest {
    private static Detection box(double x, double y, double w, double h) {
        return new Detection((float) x, (float) y, (float) (x + w), (float) (y + h), 0.9f, 0);
    }

    @Test
    void learnsAConstantVelocityAndPredictsTheBoxAhead() {
        KalmanFilter kf = new KalmanFilter(box(100, 50, 40, 100));
        for (int t = 1; t <= 20; t++) {
            kf.predict(false);
            kf.update(box(100 + 5 * t, 50 + 2 * t, 40, 100));
        }
        for (int t = 21; t <= 25; t++) {
            kf.predict(true); // five frames without a detection: it coasts on the learned velocity
        }
        Detection predicted = kf.box(0.9f, 0);
        assertThat((double) predicted.x1()).isCloseTo(100 + 5 * 25, within(1.0));
        assertThat((double) predicted.y1()).isCloseTo(50 + 2 * 25, within(1.0));
        assertThat((double) predicted.width()).isCloseTo(40, within(0.5));
        assertThat((double) predicted.height()).isCloseTo(100, within(0.5));
        double[] state = kf.state();
        assertThat(state[4]).isCloseTo(5, within(0.1));
        assertThat(state[5]).isCloseTo(2, within(0.1));
    }

    @Test
    void aStillBoxStaysPutAndANoisyOneIsSmoothed() {
        KalmanFilter kf = new KalmanFilter(box(10, 10, 50, 120));
        for (int t = 0; t < 30; t++) {
            kf.predict(false);
            kf.update(box(10 + (t % 2 == 0 ? 3 : -3), 10, 50, 120)); // ±3 px of jitter
        }
        kf.predict(false);
        // the estimate sits between the jittering measurements, much closer to the truth than the 3 px jitter
        assertThat((double) kf.box(1, 0).x1()).isCloseTo(10, within(2.0));
    }

    @Test
    void invertsA4x4Matrix() {
        double[][] a = {{4, 1, 0, 0.5}, {1, 3, 0.2, 0}, {0, 0.2, 2, 0.1}, {0.5, 0, 0.1, 1}};
        double[][] inv = KalmanFilter.invert4(a);
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                double sum = 0;
                for (int k = 0; k < 4; k++) {
                    sum += a[i][k] * inv[k][j];
                }
                assertThat(sum).isCloseTo(i == j ? 1 : 0, within(1e-12));
            }
        }
    }

    @Test
    void anEmptyBoxIsRefusedWithAFix() {
        assertThatThrownBy(() -> new KalmanFilter(new Detection(10, 10, 10, 50, 0.9f, 0)))
                .isInstanceOf(LibException.class).hasMessageContaining("no area").hasMessageContaining("fix:");
    }
}
