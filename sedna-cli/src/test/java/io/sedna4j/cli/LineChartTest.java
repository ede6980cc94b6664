package io.sedna4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.awt.Color;
import java.awt.Point;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineChartTest {
    private static final List<Double> FEDERATED = List.of(0.80, 0.85, 0.87, 0.88, 0.89);
    private static final List<Double> CENTRAL = List.of(0.84, 0.87, 0.89, 0.90, 0.905);

    @TempDir
    Path dir;

    @Test
    void pngHasItsSizeAndEachSeriesColourWhereItsValuesAre() throws IOException {
        LineChart chart = new LineChart("Fashion-MNIST test accuracy", "round", "accuracy", 640, 400)
                .add(LineChart.Series.of("federated", FEDERATED))
                .add(LineChart.Series.of("central", CENTRAL));

        Path png = chart.write(dir.resolve("plots/accuracy.png"));

        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(640);
        assertThat(image.getHeight()).isEqualTo(400);
        for (int round = 1; round <= 5; round++) {
            Point federated = chart.pixel(round, FEDERATED.get(round - 1));
            Point central = chart.pixel(round, CENTRAL.get(round - 1));
            assertThat(new Color(image.getRGB(federated.x, federated.y))).isEqualTo(LineChart.color(0));
            assertThat(new Color(image.getRGB(central.x, central.y))).isEqualTo(LineChart.color(1));
            assertThat(central.y).as("higher accuracy is drawn higher").isLessThan(federated.y);
        }
        // rounds go left to right at equal steps, inside the picture
        Point first = chart.pixel(1, 0.80);
        Point last = chart.pixel(5, 0.80);
        assertThat(first.x).isGreaterThan(40);
        assertThat(last.x).isLessThan(640 - 10).isGreaterThan(first.x);
        assertThat(chart.pixel(3, 0.8).x - first.x).isCloseTo((last.x - first.x) / 2, offset(1));
        // equal accuracy steps are equal pixel steps, whatever the axis range
        int tenth = chart.pixel(1, 0.80).y - chart.pixel(1, 0.90).y;
        assertThat(chart.pixel(1, 0.85).y - chart.pixel(1, 0.90).y).isCloseTo(tenth / 2, offset(1));
    }

    @Test
    void scanningAColumnFindsTheSeriesInValueOrder() throws IOException {
        LineChart chart = new LineChart("three levels", "x", "y", 400, 300)
                .add(LineChart.Series.of("low", List.of(1, 1, 1)))
                .add(LineChart.Series.of("middle", List.of(2, 2, 2)))
                .add(LineChart.Series.of("high", List.of(4, 4, 4)));
        BufferedImage image = ImageIO.read(chart.write(dir.resolve("levels.png")).toFile());

        int column = chart.pixel(1.5, 1).x; // between two points: only the lines cross it
        List<Integer> rows = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
            rows.add(centreOf(image, column, LineChart.color(s)));
        }
        assertThat(rows.get(0)).isGreaterThan(rows.get(1));
        assertThat(rows.get(1)).isGreaterThan(rows.get(2));
        // y = 1, 2, 4: the gap from 2 to 4 is twice the gap from 1 to 2
        assertThat((double) (rows.get(1) - rows.get(2)) / (rows.get(0) - rows.get(1))).isBetween(1.8, 2.2);
        // the title and axis labels are drawn: dark pixels above the plot and left of it
        assertThat(darkPixels(image, 0, 0, 400, 25)).isGreaterThan(20);
        assertThat(darkPixels(image, 0, 100, 30, 200)).isGreaterThan(10);
    }

    @Test
    void csvHasOneRowPerXAndOneColumnPerSeries() throws IOException {
        LineChart chart = new LineChart("accuracy", "round", "accuracy", 400, 300)
                .add(LineChart.Series.of("federated", FEDERATED))
                .add(new LineChart.Series("central, same budget", new double[] {1, 2, 2.5},
                        new double[] {0.84, 0.87, 0.9}));

        Path csv = chart.writeCsv(dir.resolve("out/accuracy.csv"));

        assertThat(Files.readAllLines(csv)).containsExactly(
                "round,federated,\"central, same budget\"",
                "1,0.8,0.84", "2,0.85,0.87", "2.5,,0.9", "3,0.87,", "4,0.88,", "5,0.89,");
    }

    @Test
    void aChartWithoutSeriesOrWithMismatchedValuesIsRefused() {
        LineChart empty = new LineChart("nothing", "x", "y", 400, 300);
        assertThatThrownBy(() -> empty.write(dir.resolve("empty.png"))).hasMessageContaining("has no series");
        assertThatThrownBy(() -> new LineChart.Series("bad", new double[2], new double[3]))
                .hasMessageContaining("series bad has 2 x and 3 y values");
        assertThatThrownBy(() -> new LineChart("tiny", "x", "y", 50, 50)).hasMessageContaining("too small");
    }

    /** The middle row of the pixels of exactly this colour in a column. */
    private static int centreOf(BufferedImage image, int column, Color color) {
        int sum = 0;
        int count = 0;
        for (int row = 0; row < image.getHeight(); row++) {
            if (image.getRGB(column, row) == color.getRGB()) {
                sum += row;
                count++;
            }
        }
        assertThat(count).as("pixels of %s in column %d", color, column).isPositive();
        return sum / count;
    }

    private static int darkPixels(BufferedImage image, int x0, int y0, int x1, int y1) {
        int dark = 0;
        for (int x = x0; x < x1; x++) {
            for (int y = y0; y < y1; y++) {
                Color c = new Color(image.getRGB(x, y));
                dark += c.getRed() + c.getGreen() + c.getBlue() < 200 ? 1 : 0;
            }
        }
        return dark;
    }
}
