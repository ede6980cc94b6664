package io.sedna4j.vision;

import io.sedna4j.lib.LibException;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.opencv.opencv_java;

/**
 * Loads the OpenCV and FFmpeg natives (bytedeco, linux-x86_64) once per JVM. JavaCPP unpacks them, about 125 MB,
 * into {@code org.bytedeco.javacpp.cachedir} (default {@code ~/.javacpp/cache}); workers call
 * {@link #useCacheDir(Path)} with their data directory first, so that nothing lands in the home directory.
 */
public final class Natives {
    /** JavaCPP's system property for where natives are unpacked. */
    public static final String CACHE_DIR_PROPERTY = "org.bytedeco.javacpp.cachedir";

    private static volatile boolean loaded;

    private Natives() {
    }

    /**
     * Points JavaCPP at {@code <dataDir>/native-cache/javacpp} unless the property is set already (the command line
     * wins); returns the directory in effect. Call before the first image, video or TensorFlow use.
     */
    public static Path useCacheDir(Path dataDir) {
        if (System.getProperty(CACHE_DIR_PROPERTY) == null) {
            System.setProperty(CACHE_DIR_PROPERTY, dataDir.resolve("native-cache").resolve("javacpp").toAbsolutePath().toString());
        }
        return Path.of(System.getProperty(CACHE_DIR_PROPERTY));
    }

    /** Loads OpenCV's Java bindings (the {@code org.opencv.*} API) and routes FFmpeg's log into SLF4J. */
    static void load() {
        if (loaded) {
            return;
        }
        synchronized (Natives.class) {
            if (loaded) {
                return;
            }
            // JavaCPP and javacv report through SLF4J rather than straight to standard error
            if (System.getProperty("org.bytedeco.javacpp.logger") == null) {
                System.setProperty("org.bytedeco.javacpp.logger", "slf4j");
            }
            try {
                Loader.load(opencv_java.class);
                avutil.setLogCallback(FfmpegLog.INSTANCE);
            } catch (LinkageError e) {
                throw new LibException("OpenCV/FFmpeg natives did not load: " + e + "; fix: run on linux-x86_64 (the platform "
                        + "of the bytedeco jars) with about 125 MB free in " + CACHE_DIR_PROPERTY + " ("
                        + System.getProperty(CACHE_DIR_PROPERTY, "~/.javacpp/cache") + ")", e);
            }
            loaded = true;
        }
    }
}
