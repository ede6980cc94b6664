package io.sedna4j.backend.pytorch;

import ai.djl.engine.Engine;
import ai.djl.util.Utils;
import io.sedna4j.lib.LibException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads PyTorch through DJL, once per JVM.
 *
 * <p>On first use DJL unpacks the PyTorch natives (about 430 MB) from the {@code pytorch-native-cpu} jar into its
 * cache: {@code ~/.djl.ai} unless the environment variable or system property {@code DJL_CACHE_DIR} says otherwise
 * (the environment variable wins). Workers should keep it under their data directory, by calling
 * {@link #ensure(Path)} with e.g. {@code <data-dir>/native-cache/djl} before the first model is built, so that the
 * unpacking happens once per machine and not in a home directory that may be small or read-only.
 */
public final class TorchRuntime {
    public static final String CACHE_DIR = "DJL_CACHE_DIR";
    private static final Logger LOG = LoggerFactory.getLogger(TorchRuntime.class);
    private static Engine engine;

    private TorchRuntime() {
    }

    /**
     * Points DJL's native cache at {@code cacheDir} (unless the environment variable {@code DJL_CACHE_DIR} is set,
     * which DJL prefers) and loads PyTorch; returns its version. Call it before anything else uses DJL: once PyTorch
     * is loaded its cache cannot move, and a later call with another directory only logs a warning.
     */
    public static synchronized String ensure(Path cacheDir) {
        Path wanted = cacheDir.toAbsolutePath().normalize();
        String fromEnv = System.getenv(CACHE_DIR);
        if (fromEnv != null && !fromEnv.isEmpty()) {
            if (!Path.of(fromEnv).toAbsolutePath().normalize().equals(wanted)) {
                LOG.info("Environment variable {}={} decides where PyTorch's natives are cached, not {}", CACHE_DIR,
                        fromEnv, wanted);
            }
        } else if (engine == null) {
            try {
                Files.createDirectories(wanted);
            } catch (IOException e) {
                throw new LibException("cannot create the PyTorch native cache " + wanted + ": " + e
                        + "; fix: give a writable directory with about 450 MB free", e);
            }
            System.setProperty(CACHE_DIR, wanted.toString());
        } else if (!cacheDir().toAbsolutePath().normalize().equals(wanted)) {
            LOG.warn("PyTorch is already loaded from cache {}; {} is not used. Call TorchRuntime.ensure before the "
                    + "first model is built", cacheDir(), wanted);
        }
        return engine().getVersion();
    }

    /** Where DJL keeps (or will keep) the unpacked natives. */
    public static Path cacheDir() {
        return Utils.getEngineCacheDir();
    }

    /** The PyTorch engine, loading it on first use. */
    static synchronized Engine engine() {
        if (engine == null) {
            long start = System.nanoTime();
            try {
                engine = Engine.getEngine("PyTorch");
            } catch (RuntimeException | LinkageError e) {
                throw new LibException("PyTorch could not load (native cache " + cacheDir() + "): " + e
                        + "; fix: run on linux-x86_64 with ai.djl.pytorch:pytorch-native-cpu (classifier linux-x86_64) "
                        + "and pytorch-jni on the class path, and make the cache directory writable with about 450 MB "
                        + "free (set it with TorchRuntime.ensure or " + CACHE_DIR + ")", e);
            }
            LOG.info("PyTorch {} loaded in {} ms (native cache {})", engine.getVersion(),
                    (System.nanoTime() - start) / 1_000_000, cacheDir());
        }
        return engine;
    }
}
