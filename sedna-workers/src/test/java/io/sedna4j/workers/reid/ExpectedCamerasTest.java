package io.sedna4j.workers.reid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sedna4j.lib.LibException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExpectedCamerasTest {
    @Test
    void camerasAreACountOrNamesAndTheJobWaitsForAllOfThem() {
        ExpectedCameras two = ExpectedCameras.parse("2");
        ExpectedCameras named = ExpectedCameras.parse("cam-1, cam-2");

        assertThat(two.satisfiedBy(List.of("cam-9"))).isFalse();
        assertThat(two.satisfiedBy(List.of("cam-9", "cam-1"))).isTrue();
        assertThat(named.satisfiedBy(List.of("cam-1", "cam-9"))).isFalse();
        assertThat(named.satisfiedBy(List.of("cam-2", "cam-1"))).isTrue();
        assertThat(named.missing(List.of("cam-1"), List.of("cam-1"))).containsExactly("cam-2");
        assertThat(two.missing(List.of("cam-1"), List.of())).containsExactly("cam-1", "(a camera never heard from)");
        assertThat(ExpectedCameras.parse(null).any()).isTrue();
        assertThat(ExpectedCameras.parse(" ").satisfiedBy(List.of("cam-1"))).isFalse();
        assertThatThrownBy(() -> ExpectedCameras.parse("0")).isInstanceOf(LibException.class)
                .hasMessageContaining("cameras=\"0\"");
    }
}
