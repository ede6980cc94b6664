package io.sedna4j.vision.reid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.sedna4j.lib.LibException;
import io.sedna4j.lib.inference.Detection;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContactEstimatorTest {
    private static final int TARGET = 1;
    private static final int OTHER = 2;

    /** A person 100x300 px whose feet stand at ({@code footX}, 900). */
    private static Detection person(double footX) {
        return new Detection((float) footX - 50, 600, (float) footX + 50, 900, 0.9f, 0);
    }

    private static Duration at(int frame, int fps) {
        return Duration.ofMillis(frame * 1000L / fps);
    }

    /**
     * At 10 fps: the target stands at x = 1000; the other walks in from x = 100 at 30 px a frame (about 1.7 m/s),
     * stops 150 px away (half a body height), and walks off. Within one body height (300 px) from frame 21 (x = 730)
     * to frame 40 (x = 730 again): 20 frames, 2 s.
     */
    private static double otherX(int frame) {
        if (frame < 25) {
            return 100 + 30 * frame;
        }
        if (frame < 37) {
            return 850;
        }
        return 850 - 30 * (frame - 36);
    }

    @Test
    void twoPeopleWhoStandTogetherForTwoSecondsMakeOneContactOfTwoSeconds() {
        ContactEstimator contacts = new ContactEstimator();
        for (int f = 0; f < 80; f++) {
            List<ContactEstimator.Proximity> near = contacts.update("cam-1", at(f, 10), TARGET,
                    Map.of(TARGET, person(1000), OTHER, person(otherX(f))));
            assertThat(near).singleElement().satisfies(p -> assertThat(p.trackId()).isEqualTo(OTHER));
        }
        assertThat(contacts.finish()).singleElement().satisfies(c -> {
            assertThat(c.camera()).isEqualTo("cam-1");
            assertThat(c.targetTrackId()).isEqualTo(TARGET);
            assertThat(c.otherTrackId()).isEqualTo(OTHER);
            assertThat(c.start()).isEqualTo(at(21, 10));
            assertThat(c.end()).isEqualTo(at(41, 10));
            assertThat(c.duration()).isEqualTo(Duration.ofSeconds(2));
            assertThat(c.minDistance()).isCloseTo(0.5, within(1e-9));
        });
    }

    @Test
    void passingByIsNotAContactAndAMissedFrameDoesNotSplitOne() {
        ContactEstimator contacts = new ContactEstimator();
        // frames 0-5 close (0.6 s), then far: too short
        for (int f = 0; f < 20; f++) {
            contacts.update("cam", at(f, 10), TARGET, Map.of(TARGET, person(1000), OTHER, person(f < 6 ? 900 : 100)));
        }
        assertThat(contacts.contacts()).isEmpty();
        // frames 20-39 close, except 28-30 where the other person is not detected: one contact
        for (int f = 20; f < 60; f++) {
            Map<Integer, Detection> people = new HashMap<>(Map.of(TARGET, person(1000)));
            if (f < 28 || f > 30) {
                people.put(OTHER, person(f < 40 ? 900 : 100));
            }
            contacts.update("cam", at(f, 10), TARGET, people);
        }
        assertThat(contacts.finish()).singleElement().satisfies(c -> {
            assertThat(c.start()).isEqualTo(at(20, 10));
            assertThat(c.end()).isEqualTo(at(40, 10));
        });
    }

    @Test
    void distanceIsInBodyHeightsSoItDoesNotDependOnHowFarTheCameraIs() {
        Detection a = person(1000);
        Detection b = person(850);
        // the same pair twice as far from the camera: half the size, half the pixels apart
        Detection farA = new Detection(475, 300, 525, 450, 0.9f, 0);
        Detection farB = new Detection(400, 300, 450, 450, 0.9f, 0);
        assertThat(ContactEstimator.distance(a, b)).isCloseTo(0.5, within(1e-9));
        assertThat(ContactEstimator.distance(farA, farB)).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void withoutATargetNobodyIsCloseAndTimeMustGoForward() {
        ContactEstimator contacts = new ContactEstimator();
        assertThat(contacts.update("cam", Duration.ofSeconds(1), -1, Map.of(OTHER, person(100)))).isEmpty();
        assertThatThrownBy(() -> contacts.update("cam", Duration.ZERO, -1, Map.of()))
                .isInstanceOf(LibException.class).hasMessageContaining("camera cam").hasMessageContaining("time order");
    }
}
