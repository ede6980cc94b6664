package io.sedna4j.vision;

import io.sedna4j.lib.LibException;
import io.sedna4j.lib.estimator.NamedTensors;
import io.sedna4j.lib.inference.Detection;
import java.nio.file.Files;
import java.nio.file.Path;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * A colour image, 8 bits per channel in BGR order, backed by OpenCV. Operations return new images and leave this
 * one unchanged, except {@link Drawing}, which draws in place. {@link #close()} frees the pixels at once (a 720p
 * frame is 2.7 MB of native memory the garbage collector does not see).
 */
public final class Image implements AutoCloseable {
    static {
        Natives.load();
    }

    private final Mat mat;

    private Image(Mat mat) {
        this.mat = mat;
    }

    /** Takes ownership of an 8-bit BGR (or grey, converted) matrix. */
    static Image own(Mat mat) {
        if (mat.channels() == 1) {
            Mat bgr = new Mat();
            Imgproc.cvtColor(mat, bgr, Imgproc.COLOR_GRAY2BGR);
            mat.release();
            return new Image(bgr);
        }
        return new Image(mat);
    }

    /** Reads a JPEG, PNG, BMP, … file. */
    public static Image read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new LibException("image " + file + " does not exist; fix: check the path");
        }
        Mat m = Imgcodecs.imread(file.toString(), Imgcodecs.IMREAD_COLOR);
        if (m.empty()) {
            throw new LibException("image " + file + " is not in a format OpenCV decodes (or is damaged); fix: give a JPEG or PNG file");
        }
        return new Image(m);
    }

    /** An image from packed BGR bytes, row by row ({@code width * height * 3} of them). */
    public static Image fromBgr(int width, int height, byte[] bgr) {
        if ((long) width * height * 3 != bgr.length) {
            throw new LibException("a " + width + "x" + height + " BGR image needs " + (long) width * height * 3
                    + " bytes, got " + bgr.length + "; fix: pass width, height and the matching pixel buffer");
        }
        Mat m = new Mat(height, width, CvType.CV_8UC3);
        m.put(0, 0, bgr);
        return new Image(m);
    }

    /** A {@code width x height} image filled with one colour. */
    public static Image blank(int width, int height, Color fill) {
        return new Image(new Mat(height, width, CvType.CV_8UC3, fill.scalar()));
    }

    public int width() {
        return mat.cols();
    }

    public int height() {
        return mat.rows();
    }

    /** The pixels as packed BGR bytes, row by row. */
    public byte[] toBgr() {
        byte[] bytes = new byte[width() * height() * 3];
        Mat m = mat.isContinuous() ? mat : mat.clone();
        m.get(0, 0, bytes);
        return bytes;
    }

    public Image resize(int width, int height) {
        Mat out = new Mat();
        // INTER_AREA when shrinking: it averages, so small people do not alias away
        int interpolation = width < width() && height < height() ? Imgproc.INTER_AREA : Imgproc.INTER_LINEAR;
        Imgproc.resize(mat, out, new Size(width, height), 0, 0, interpolation);
        return new Image(out);
    }

    /** Scales both sides by {@code factor}, rounding to whole pixels (at least 1). */
    public Image scale(double factor) {
        return resize(Math.max(1, (int) Math.round(width() * factor)), Math.max(1, (int) Math.round(height() * factor)));
    }

    /** The part inside the given rectangle, clipped to the image (a copy). */
    public Image crop(int x, int y, int width, int height) {
        int x1 = Math.max(0, x);
        int y1 = Math.max(0, y);
        int x2 = Math.min(width(), x + width);
        int y2 = Math.min(height(), y + height);
        if (x2 <= x1 || y2 <= y1) {
            throw new LibException("crop " + width + "x" + height + "+" + x + "+" + y + " lies outside the " + width() + "x"
                    + height() + " image; fix: crop inside the image");
        }
        return new Image(mat.submat(new Rect(x1, y1, x2 - x1, y2 - y1)).clone());
    }

    /** The detected box, clipped to the image: what re-identification and hard-example upload send on. */
    public Image crop(Detection box) {
        int x1 = (int) Math.floor(box.x1());
        int y1 = (int) Math.floor(box.y1());
        return crop(x1, y1, (int) Math.ceil(box.x2()) - x1, (int) Math.ceil(box.y2()) - y1);
    }

    /** A border of {@code fill} around the image, e.g. to give a tight person crop the margin a detector expects. */
    public Image pad(int top, int bottom, int left, int right, Color fill) {
        Mat out = new Mat();
        Core.copyMakeBorder(mat, out, top, bottom, left, right, Core.BORDER_CONSTANT, fill.scalar());
        return new Image(out);
    }

    /** Pastes this image at the top-left of a {@code width x height} canvas of {@code fill}, cropping what overhangs. */
    public Image placeOn(int width, int height, Color fill) {
        Mat canvas = new Mat(height, width, CvType.CV_8UC3, fill.scalar());
        int w = Math.min(width, width());
        int h = Math.min(height, height());
        mat.submat(0, h, 0, w).copyTo(canvas.submat(0, h, 0, w));
        return new Image(canvas);
    }

    public Image copy() {
        return new Image(mat.clone());
    }

    /**
     * The image as a float tensor for a model: shape [1,h,w,3] or [1,3,h,w], channels in {@code order}, every value
     * multiplied by {@code scale} (1 keeps 0..255, 1/255f gives 0..1).
     */
    public NamedTensors.Tensor toTensor(TensorLayout layout, ChannelOrder order, float scale) {
        int w = width();
        int h = height();
        int plane = w * h;
        byte[] bgr = toBgr();
        float[] out = new float[plane * 3];
        for (int c = 0; c < 3; c++) {
            int from = order == ChannelOrder.BGR ? c : 2 - c;
            for (int i = 0; i < plane; i++) {
                float v = (bgr[i * 3 + from] & 0xff) * scale;
                out[layout == TensorLayout.NCHW ? c * plane + i : i * 3 + c] = v;
            }
        }
        long[] shape = layout == TensorLayout.NCHW ? new long[] {1, 3, h, w} : new long[] {1, h, w, 3};
        return new NamedTensors.Tensor(shape, out);
    }

    /** Writes the image; the format follows the extension (.jpg, .png, …). */
    public void write(Path file) {
        boolean ok;
        try {
            ok = Imgcodecs.imwrite(file.toString(), mat);
        } catch (RuntimeException e) {
            ok = false;
        }
        if (!ok) {
            throw new LibException("cannot write image " + file + "; fix: use a .jpg or .png name in a writable directory");
        }
    }

    /**
     * The OpenCV matrix behind this image (8UC3, BGR), for code that needs OpenCV itself. It stays owned by this
     * image: do not release it.
     */
    public Mat mat() {
        return mat;
    }

    @Override
    public void close() {
        mat.release();
    }

    @Override
    public String toString() {
        return "Image[" + width() + "x" + height() + "]";
    }
}
