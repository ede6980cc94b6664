package io.sedna4j.vision.tracking;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Minimum-cost matching of rows (tracks) to columns (detections) with a cost limit, as ByteTrack does with
 * {@code lapjv(cost, extend_cost=True, cost_limit=limit)}: a pair costing more than the limit is never matched, and
 * of the rest the matching with the least total cost wins, leaving a row or column out whenever pairing it would
 * cost more than the limit.
 *
 * <p>Solved exactly by the Hungarian method with potentials (Kuhn–Munkres, O(n³)) on the matrix extended with one
 * dummy column per row and one dummy row per column at {@code limit / 2}: leaving a row and a column out then costs
 * {@code limit}, so a real pair is used only when it is cheaper. A greedy matching is not used: with two people side
 * by side it can take the best pair first and force the other into a swap.
 */
public final class LinearAssignment {
    /** Matched pairs as {@code {row, column}}, and what was left out. */
    public record Result(List<int[]> matches, int[] unmatchedRows, int[] unmatchedColumns) {
    }

    private LinearAssignment() {
    }

    /** For a non-empty matrix; with no rows, use {@link #solve(double[][], int, double)} to say how many columns. */
    public static Result solve(double[][] cost, double limit) {
        return solve(cost, cost.length == 0 ? 0 : cost[0].length, limit);
    }

    /** {@code cost} has a row per track, {@code columns} entries each (a matrix with no rows cannot say how many). */
    public static Result solve(double[][] cost, int columns, double limit) {
        int rows = cost.length;
        int cols = columns;
        if (rows == 0 || cols == 0) {
            return new Result(List.of(), range(rows), range(cols));
        }
        int n = rows + cols;
        double[][] ext = new double[n][n];
        for (double[] row : ext) {
            Arrays.fill(row, limit / 2);
        }
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                // above the limit: priced so that leaving both out is always cheaper, without infinities in the sums
                ext[i][j] = cost[i][j] > limit ? limit + 1 : cost[i][j];
            }
        }
        for (int i = rows; i < n; i++) {
            for (int j = cols; j < n; j++) {
                ext[i][j] = 0;
            }
        }
        int[] columnOfRow = hungarian(ext);
        List<int[]> matches = new ArrayList<>();
        boolean[] rowUsed = new boolean[rows];
        boolean[] colUsed = new boolean[cols];
        for (int i = 0; i < rows; i++) {
            int j = columnOfRow[i];
            if (j < cols && cost[i][j] <= limit) {
                matches.add(new int[] {i, j});
                rowUsed[i] = true;
                colUsed[j] = true;
            }
        }
        return new Result(matches, unused(rowUsed), unused(colUsed));
    }

    /** For a square cost matrix, the column assigned to each row in a minimum-cost perfect matching. */
    static int[] hungarian(double[][] a) {
        int n = a.length;
        double[] u = new double[n + 1];
        double[] v = new double[n + 1];
        int[] rowOfCol = new int[n + 1]; // 1-based; column 0 is the virtual start
        int[] way = new int[n + 1];
        for (int i = 1; i <= n; i++) {
            rowOfCol[0] = i;
            int j0 = 0;
            double[] minv = new double[n + 1];
            Arrays.fill(minv, Double.POSITIVE_INFINITY);
            boolean[] used = new boolean[n + 1];
            do {
                used[j0] = true;
                int i0 = rowOfCol[j0];
                double delta = Double.POSITIVE_INFINITY;
                int j1 = 0;
                for (int j = 1; j <= n; j++) {
                    if (!used[j]) {
                        double cur = a[i0 - 1][j - 1] - u[i0] - v[j];
                        if (cur < minv[j]) {
                            minv[j] = cur;
                            way[j] = j0;
                        }
                        if (minv[j] < delta) {
                            delta = minv[j];
                            j1 = j;
                        }
                    }
                }
                for (int j = 0; j <= n; j++) {
                    if (used[j]) {
                        u[rowOfCol[j]] += delta;
                        v[j] -= delta;
                    } else {
                        minv[j] -= delta;
                    }
                }
                j0 = j1;
            } while (rowOfCol[j0] != 0);
            do {
                int j1 = way[j0];
                rowOfCol[j0] = rowOfCol[j1];
                j0 = j1;
            } while (j0 != 0);
        }
        int[] columnOfRow = new int[n];
        for (int j = 1; j <= n; j++) {
            columnOfRow[rowOfCol[j] - 1] = j - 1;
        }
        return columnOfRow;
    }

    private static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }

    private static int[] unused(boolean[] used) {
        return java.util.stream.IntStream.range(0, used.length).filter(i -> !used[i]).toArray();
    }
}
