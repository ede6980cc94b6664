package io.sedna4j.api.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Resource quantities as Kubernetes writes them, in base units: cores and bytes. */
class QuantityTest {

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
            "64Mi, 67108864",
            "2Gi, 2147483648",
            "1Ki, 1024",
            "100m, 0.1",
            "1000m, 1",
            "2, 2",
            "0.5, 0.5",
            "1.5G, 1500000000",
            "500M, 500000000",
            "1e3, 1000"})
    void quantityHasItsValueInBaseUnits(String written, BigDecimal value) {
        assertThat(Quantity.of(written).value()).isEqualByComparingTo(value);
        assertThat(Quantity.of(written)).hasToString(written);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"2 GB", "2GB", "Mi", "1.2.3", "-"})
    void textThatIsNotAQuantityDoesNotMatchTheGrammar(String written) {
        assertThat(Quantity.PATTERN.matcher(written).matches()).isFalse();
    }
}
