package io.sedna4j.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sedna4j.api.ApiException;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The names a user types for a kind on the command line. */
class KindTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(Kind.class)
    void kindIsFoundByItsNameAndPluralInAnyCase(Kind kind) {
        assertThat(Kind.parse(kind.kindName())).isEqualTo(kind);
        assertThat(Kind.parse(kind.kindName().toLowerCase(Locale.ROOT))).isEqualTo(kind);
        assertThat(Kind.parse(kind.kindName().toUpperCase(Locale.ROOT))).isEqualTo(kind);
        assertThat(Kind.parse(kind.plural())).isEqualTo(kind);
        assertThat(Kind.parse(kind.plural().toUpperCase(Locale.ROOT))).isEqualTo(kind);
        assertThat(Kind.of(kind.kindName())).isEqualTo(kind);
        assertThat(kind.newResource().kind).isEqualTo(kind.kindName());
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "ji, JOINT_INFERENCE_SERVICE",
            "JI, JOINT_INFERENCE_SERVICE",
            "il, INCREMENTAL_LEARNING_JOB",
            "Il, INCREMENTAL_LEARNING_JOB",
            "fl, FEDERATED_LEARNING_JOB",
            "FL, FEDERATED_LEARNING_JOB",
            "ll, LIFELONG_LEARNING_JOB",
            "fe, FEATURE_EXTRACTION_SERVICE",
            "va, VIDEO_ANALYTICS_JOB",
            "VA, VIDEO_ANALYTICS_JOB",
            "reid, REID_JOB",
            "ReID, REID_JOB",
            "objs, OBJECT_SEARCH_SERVICE",
            "OBJS, OBJECT_SEARCH_SERVICE",
            "objt, OBJECT_TRACKING_SERVICE",
            "ObjT, OBJECT_TRACKING_SERVICE"})
    void kindIsFoundByItsShortNameInAnyCase(String name, Kind kind) {
        assertThat(Kind.parse(name)).isEqualTo(kind);
    }

    @Test
    void misspeltKindIsAnErrorThatSuggestsTheKindMeant() {
        assertThatThrownBy(() -> Kind.parse("jointinferenceservce"))
                .isInstanceOf(ApiException.class)
                .hasMessageStartingWith("unknown kind \"jointinferenceservce\"")
                .hasMessageContaining("did you mean \"JointInferenceService\"?")
                .hasMessageContaining("ji, il, fl, ll, fe, va, reid, objs, objt");
    }

    @Test
    void kindNameMustBeExactInAManifest() {
        assertThat(Kind.of("jointinferenceservice")).isNull();
        assertThat(Kind.of("ji")).isNull();
    }
}
