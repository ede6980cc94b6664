package io.sedna4j.backend.pytorch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TorchRuntimeTest {
    @Test
    void ensureLoadsPytorchAndItsNativesSitInTheChosenCache() {
        String env = System.getenv(TorchRuntime.CACHE_DIR);
        // the build sets DJL_CACHE_DIR so that the natives unpack once per checkout; the variable wins over ensure
        Path wanted = env != null ? Path.of(env) : Path.of("target", "native-cache", "djl");

        String version = TorchRuntime.ensure(wanted);

        assertThat(version).isEqualTo("2.7.1");
        assertThat(TorchRuntime.cacheDir().toAbsolutePath().normalize()).isEqualTo(wanted.toAbsolutePath().normalize());
        assertThat(Files.isDirectory(TorchRuntime.cacheDir().resolve("pytorch"))).isTrue();
    }
}
