package io.sedna4j.vision.tracking;

import io.sedna4j.lib.LibException;
import io.sedna4j.lib.inference.Detection;

/**
 * A constant-velocity Kalman filter for one box, as ByteTrack (and DeepSORT before it) uses: the state is
 * {@code (cx, cy, a, h, vcx, vcy, va, vh)} with {@code a = w/h}, one time step per frame, and noise proportional to
 * the box height, so a near (tall) person may move more pixels per frame than a far one.
 */
public final class KalmanFilter {
    /** Position and velocity uncertainty per pixel of height (ByteTrack's 1/20 and 1/160). */
    static final double STD_POSITION = 1.0 / 20;
    static final double STD_VELOCITY = 1.0 / 160;

    private final double[] x = new double[8];
    private final double[][] p = new double[8][8];

    /** Starts at {@code box}, at rest, with a wide velocity uncertainty. */
    public KalmanFilter(Detection box) {
        double[] z = measurement(box);
        System.arraycopy(z, 0, x, 0, 4);
        double h = z[3];
        double[] std = {2 * STD_POSITION * h, 2 * STD_POSITION * h, 1e-2, 2 * STD_POSITION * h,
            10 * STD_VELOCITY * h, 10 * STD_VELOCITY * h, 1e-5, 10 * STD_VELOCITY * h};
        for (int i = 0; i < 8; i++) {
            p[i][i] = std[i] * std[i];
        }
    }

    /**
     * One frame ahead: position += velocity, uncertainty grows. A track not seen in the last frame
     * ({@code coasting}) keeps its height constant (ByteTrack zeroes vh), so a lost box does not shrink or grow away.
     */
    public void predict(boolean coasting) {
        if (coasting) {
            x[7] = 0;
        }
        double h = x[3];
        double[] q = {STD_POSITION * h, STD_POSITION * h, 1e-2, STD_POSITION * h,
            STD_VELOCITY * h, STD_VELOCITY * h, 1e-5, STD_VELOCITY * h};
        for (int i = 0; i < 4; i++) {
            x[i] += x[i + 4];
        }
        // P = F P F^T + Q with F = [[I, I], [0, I]]: rows then columns of the velocity block are added in place
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 8; j++) {
                p[i][j] += p[i + 4][j];
            }
        }
        for (int j = 0; j < 4; j++) {
            for (int i = 0; i < 8; i++) {
                p[i][j] += p[i][j + 4];
            }
        }
        for (int i = 0; i < 8; i++) {
            p[i][i] += q[i] * q[i];
        }
    }

    /** Corrects the state with a measured box. */
    public void update(Detection box) {
        double[] z = measurement(box);
        double h = x[3];
        double[] r = {STD_POSITION * h, STD_POSITION * h, 1e-1, STD_POSITION * h};
        double[][] s = new double[4][4];
        for (int i = 0; i < 4; i++) {
            System.arraycopy(p[i], 0, s[i], 0, 4);
            s[i][i] += r[i] * r[i];
        }
        double[][] sInv = invert4(s);
        // K = P H^T S^-1 (8x4); H picks the first four state entries
        double[][] k = new double[8][4];
        for (int i = 0; i < 8; i++) {
            for (int j = 0; j < 4; j++) {
                double sum = 0;
                for (int m = 0; m < 4; m++) {
                    sum += p[i][m] * sInv[m][j];
                }
                k[i][j] = sum;
            }
        }
        double[] innovation = new double[4];
        for (int j = 0; j < 4; j++) {
            innovation[j] = z[j] - x[j];
        }
        // P -= K H P, which equals K S K^T; computed from a copy of H P (P's first four rows)
        double[][] hp = new double[4][8];
        for (int m = 0; m < 4; m++) {
            System.arraycopy(p[m], 0, hp[m], 0, 8);
        }
        for (int i = 0; i < 8; i++) {
            for (int j = 0; j < 4; j++) {
                x[i] += k[i][j] * innovation[j];
            }
            for (int c = 0; c < 8; c++) {
                double sum = 0;
                for (int m = 0; m < 4; m++) {
                    sum += k[i][m] * hp[m][c];
                }
                p[i][c] -= sum;
            }
        }
        for (int i = 0; i < 8; i++) {
            for (int j = i + 1; j < 8; j++) {
                double mean = (p[i][j] + p[j][i]) / 2; // keep P symmetric against rounding
                p[i][j] = mean;
                p[j][i] = mean;
            }
        }
    }

    /** The estimated box as corners, with the given score and label. */
    public Detection box(float score, int label) {
        double w = x[2] * x[3];
        double h = x[3];
        return new Detection((float) (x[0] - w / 2), (float) (x[1] - h / 2), (float) (x[0] + w / 2),
                (float) (x[1] + h / 2), score, label);
    }

    /** A copy of the state {@code (cx, cy, a, h, vcx, vcy, va, vh)}. */
    public double[] state() {
        return x.clone();
    }

    /** A box as the filter measures it: centre, aspect ratio w/h, height. */
    static double[] measurement(Detection box) {
        double w = box.width();
        double h = box.height();
        if (!(w > 0 && h > 0) || !Float.isFinite(box.x1() + box.y1() + box.x2() + box.y2())) {
            throw new LibException("box " + box + " given to the tracker has no area (or a coordinate that is not a "
                    + "number); fix: pass detections with x2 > x1 and y2 > y1");
        }
        return new double[] {box.x1() + w / 2, box.y1() + h / 2, w / h, h};
    }

    /** The inverse of a symmetric positive-definite 4x4 matrix, by Gauss-Jordan elimination with pivoting. */
    static double[][] invert4(double[][] a) {
        int n = 4;
        double[][] m = new double[n][2 * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], 0, m[i], 0, n);
            m[i][n + i] = 1;
        }
        for (int c = 0; c < n; c++) {
            int pivot = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) {
                    pivot = r;
                }
            }
            double[] t = m[c];
            m[c] = m[pivot];
            m[pivot] = t;
            double d = m[c][c];
            for (int j = 0; j < 2 * n; j++) {
                m[c][j] /= d;
            }
            for (int r = 0; r < n; r++) {
                if (r != c && m[r][c] != 0) {
                    double f = m[r][c];
                    for (int j = 0; j < 2 * n; j++) {
                        m[r][j] -= f * m[c][j];
                    }
                }
            }
        }
        double[][] inv = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(m[i], n, inv[i], 0, n);
        }
        return inv;
    }
}
