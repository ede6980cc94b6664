package io.sedna4j.vision.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LinearAssignmentTest {
    @Test
    void findsTheCheapestMatchingWhereGreedyWouldNot() {
        // greedy takes (0,0) at 0.1 and is left with (1,1) at 0.7; the optimum crosses over for 0.35
        double[][] cost = {{0.1, 0.2}, {0.15, 0.7}};
        LinearAssignment.Result r = LinearAssignment.solve(cost, 0.8);
        assertThat(r.matches()).containsExactlyInAnyOrder(new int[] {0, 1}, new int[] {1, 0});
        assertThat(r.unmatchedRows()).isEmpty();
        assertThat(r.unmatchedColumns()).isEmpty();
    }

    @Test
    void pairsAboveTheLimitStayUnmatched() {
        double[][] cost = {{0.9, 0.3, 0.95}, {0.85, 0.99, 0.92}};
        LinearAssignment.Result r = LinearAssignment.solve(cost, 0.8);
        assertThat(r.matches()).containsExactly(new int[] {0, 1});
        assertThat(r.unmatchedRows()).containsExactly(1);
        assertThat(r.unmatchedColumns()).containsExactly(0, 2);
    }

    @Test
    void aPairJustUnderTheLimitIsMatchedAndEmptyInputsMatchNothing() {
        // both pairs cost 0.1 + 0.79; (0,0) alone, leaving row 1 and column 1 out, would cost 0.1 + 0.8
        double[][] cost = {{0.1, 0.79}, {0.79, 0.79}};
        assertThat(LinearAssignment.solve(cost, 0.8).matches()).hasSize(2);
        assertThat(LinearAssignment.solve(new double[0][0], 0.8).matches()).isEmpty();
        assertThat(LinearAssignment.solve(new double[3][0], 0.8).unmatchedRows()).containsExactly(0, 1, 2);
        assertThat(LinearAssignment.solve(new double[0][0], 2, 0.8).unmatchedColumns()).containsExactly(0, 1);
    }

    @Test
    void agreesWithBruteForceOnRandomSquareMatrices() {
        Random random = new Random(7);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + random.nextInt(6);
            double[][] cost = new double[n][n];
            for (double[] row : cost) {
                for (int j = 0; j < n; j++) {
                    row[j] = random.nextDouble();
                }
            }
            int[] assigned = LinearAssignment.hungarian(cost);
            double total = 0;
            for (int i = 0; i < n; i++) {
                total += cost[i][assigned[i]];
            }
            assertThat(total).isCloseTo(best(cost, 0, new boolean[n]), org.assertj.core.api.Assertions.within(1e-9));
        }
    }

    private static double best(double[][] cost, int row, boolean[] used) {
        if (row == cost.length) {
            return 0;
        }
        double min = Double.POSITIVE_INFINITY;
        for (int j = 0; j < cost.length; j++) {
            if (!used[j]) {
                used[j] = true;
                min = Math.min(min, cost[row][j] + best(cost, row + 1, used));
                used[j] = false;
            }
        }
        return min;
    }
}
