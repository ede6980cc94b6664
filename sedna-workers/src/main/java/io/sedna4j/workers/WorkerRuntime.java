package io.sedna4j.workers;

import io.sedna4j.lib.LibException;
import java.nio.file.Path;

/** What every built-in worker does first: native libraries unpack under the data dir, not the home directory. */
public final class WorkerRuntime {
    private WorkerRuntime() {
    }

    /**
     * Points JavaCPP (OpenCV, FFmpeg) at {@code $SEDNA_NATIVE_CACHE/javacpp}; DJL reads {@code DJL_CACHE_DIR} from
     * the environment itself. bin/sedna sets both under the data dir.
     */
    public static void init() {
        String cache = System.getenv("SEDNA_NATIVE_CACHE");
        if (cache != null && !cache.isBlank() && System.getProperty("org.bytedeco.javacpp.cachedir") == null) {
            System.setProperty("org.bytedeco.javacpp.cachedir", Path.of(cache, "javacpp").toString());
        }
    }

    /** Runs a worker's body; an error for the user ends the process with code 1 and its message, no stack trace. */
    public static void run(String worker, ThrowingRunnable body) {
        init();
        try {
            body.run();
        } catch (LibException e) {
            System.err.println(worker + ": " + e.getMessage());
            System.exit(1);
        } catch (Exception e) {
            System.err.println(worker + ": unexpected error: " + e);
            e.printStackTrace();
            System.exit(2);
        }
    }

    @FunctionalInterface
    public interface ThrowingRunnable {
        void run() throws Exception;
    }
}
