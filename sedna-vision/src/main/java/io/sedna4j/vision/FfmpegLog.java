package io.sedna4j.vision;

import org.bytedeco.ffmpeg.avutil.LogCallback;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * FFmpeg's av_log into SLF4J. A damaged stream makes the H.264 decoder log an error per macroblock; those go to
 * debug, and {@link VideoSource} reports the frames it lost once, at warn.
 */
final class FfmpegLog extends LogCallback {
    static final FfmpegLog INSTANCE = new FfmpegLog(); // held here: the native side keeps only a pointer

    private static final Logger log = LoggerFactory.getLogger("io.sedna4j.vision.ffmpeg");

    private FfmpegLog() {
    }

    @Override
    public void call(int level, BytePointer message) {
        if (level <= avutil.AV_LOG_FATAL) {
            log.warn("{}", text(message));
        } else if (level <= avutil.AV_LOG_INFO ? log.isDebugEnabled() : log.isTraceEnabled()) {
            log.debug("{}", text(message));
        }
    }

    private static String text(BytePointer message) {
        String s = message.getString();
        return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
    }
}
