package io.sedna4j.lib.dataset;

import io.sedna4j.lib.LibException;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Reads IDX files, the format of MNIST and Fashion-MNIST: a 4-byte magic {@code 0x00 0x00 type dims}, then
 * {@code dims} big-endian int32 sizes, then the values in row-major order. Only unsigned bytes (type
 * {@code 0x08}) are read, which is what those data sets hold. Files ending in {@code .gz} are gunzipped on the fly.
 *
 * @param dims   the sizes, e.g. {@code [60000, 28, 28]} for images, {@code [60000]} for labels
 * @param values the values, row-major, each 0 to 255
 */
public record Idx(int[] dims, byte[] values) {
    private static final int UNSIGNED_BYTE = 0x08;
    private static final String FIX = "fix: download the file again (e.g. apt-get install --reinstall "
            + "dataset-fashion-mnist) or point to an uncorrupted IDX file";

    public Idx {
        dims = dims.clone();
    }

    @Override
    public int[] dims() {
        return dims.clone();
    }

    /** How many items the first dimension counts. */
    public int count() {
        return dims[0];
    }

    /** Values per item: the product of the dimensions after the first (1 for labels). */
    public int itemSize() {
        return Arrays.stream(dims, 1, dims.length).reduce(1, Math::multiplyExact);
    }

    /** Item {@code i}'s value {@code j}, 0 to 255. */
    public int value(int item, int j) {
        return values[item * itemSize() + j] & 0xff;
    }

    /** Reads {@code file}, gunzipping it when its name ends in {@code .gz}. */
    public static Idx read(Path file) {
        try (InputStream raw = Files.newInputStream(file)) {
            InputStream in = new BufferedInputStream(raw, 1 << 16);
            return read(file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(in, 1 << 16) : in,
                    file.toString());
        } catch (NoSuchFileException e) {
            throw new LibException("IDX file " + file + " does not exist; fix: check the path (Fashion-MNIST: "
                    + "apt-get install dataset-fashion-mnist puts it in /usr/share/datasets/fashion-mnist)");
        } catch (EOFException e) {
            throw new LibException(file + ": the gzip stream ends early (" + e.getMessage() + "); " + FIX);
        } catch (IOException e) {
            throw new LibException("could not read IDX file " + file + ": " + e.getMessage() + "; " + FIX, e);
        }
    }

    /** Reads an uncompressed IDX stream; {@code name} says where it comes from in errors. */
    public static Idx read(InputStream stream, String name) throws IOException {
        DataInputStream in = new DataInputStream(stream);
        byte[] magic = new byte[4];
        long offset = fill(in, magic, 0, name, "the 4-byte magic number");
        if (magic[0] != 0 || magic[1] != 0 || (magic[2] & 0xff) != UNSIGNED_BYTE || magic[3] < 1) {
            throw new LibException(name + " at offset 0: magic number is " + hex(magic) + ", expected 00 00 08 "
                    + "<dimensions ≥ 1> (an IDX file of unsigned bytes); fix: give an IDX file such as "
                    + "train-images-idx3-ubyte.gz (a .gz name is gunzipped, other names are read as they are)");
        }
        int[] dims = new int[magic[3]];
        long size = 1;
        for (int d = 0; d < dims.length; d++) {
            byte[] word = new byte[4];
            offset = fill(in, word, offset, name, "size of dimension " + d + " of " + dims.length);
            dims[d] = ((word[0] & 0xff) << 24) | ((word[1] & 0xff) << 16) | ((word[2] & 0xff) << 8) | (word[3] & 0xff);
            if (dims[d] < 0) {
                throw new LibException(name + " at offset " + (offset - 4) + ": dimension " + d + " is " + dims[d]
                        + "; " + FIX);
            }
            size *= dims[d];
        }
        if (size > Integer.MAX_VALUE - 16) {
            throw new LibException(name + ": dimensions " + Arrays.toString(dims) + " give " + size
                    + " values, more than one array holds; fix: split the file");
        }
        byte[] values = new byte[(int) size];
        fill(in, values, offset, name, size + " values for dimensions " + Arrays.toString(dims));
        if (in.read() != -1) {
            throw new LibException(name + ": data goes on after the " + size + " values that dimensions "
                    + Arrays.toString(dims) + " announce (offset " + (offset + size) + "); " + FIX);
        }
        return new Idx(dims, values);
    }

    private static long fill(DataInputStream in, byte[] into, long offset, String name, String what)
            throws IOException {
        int read = in.readNBytes(into, 0, into.length);
        if (read < into.length) {
            throw new LibException(name + " is truncated: at offset " + (offset + read) + " it ends where " + what
                    + " (" + into.length + " bytes from offset " + offset + ") were expected; " + FIX);
        }
        return offset + into.length;
    }

    private static String hex(byte[] bytes) {
        StringBuilder text = new StringBuilder();
        for (byte b : bytes) {
            text.append(text.length() == 0 ? "" : " ").append(String.format("%02x", b & 0xff));
        }
        return text.toString();
    }
}
