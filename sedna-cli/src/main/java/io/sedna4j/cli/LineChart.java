package io.sedna4j.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Point;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import javax.imageio.ImageIO;

/**
 * A PNG line chart of named series, e.g. federated and central test accuracy per round: a title, axes with ticks
 * and labels, a legend, one colour per series and a dot at each point. Drawn with Java2D, headless (no display
 * needed). {@link #writeCsv} writes the same data as a table.
 */
public final class LineChart {
    /** Matplotlib's first colours: blue, orange, green, red, purple; series beyond them reuse them. */
    static final List<Color> PALETTE = List.of(new Color(31, 119, 180), new Color(255, 127, 14),
            new Color(44, 160, 44), new Color(214, 39, 40), new Color(148, 103, 189));
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 40;
    private static final int BOTTOM = 55;
    private static final int DOT = 4;

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** One line: its name in the legend and its points. */
    public record Series(String name, double[] x, double[] y) {
        public Series {
            if (x.length != y.length || x.length == 0) {
                throw new IllegalArgumentException("series " + name + " has " + x.length + " x and " + y.length
                        + " y values; give as many of each, at least one");
            }
            x = x.clone();
            y = y.clone();
        }

        /** Values at x = 1, 2, 3, …: e.g. one per round. */
        public static Series of(String name, List<? extends Number> values) {
            double[] x = new double[values.size()];
            double[] y = new double[values.size()];
            for (int i = 0; i < y.length; i++) {
                x[i] = i + 1;
                y[i] = values.get(i).doubleValue();
            }
            return new Series(name, x, y);
        }
    }

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Series> series = new ArrayList<>();
    private final int width;
    private final int height;

    public LineChart(String title, String xLabel, String yLabel, int width, int height) {
        if (width < LEFT + RIGHT + 100 || height < TOP + BOTTOM + 100) {
            throw new IllegalArgumentException("a chart of " + width + "×" + height + " pixels is too small; give at "
                    + "least " + (LEFT + RIGHT + 100) + "×" + (TOP + BOTTOM + 100));
        }
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.width = width;
        this.height = height;
    }

    public LineChart add(Series line) {
        series.add(line);
        return this;
    }

    /** Writes the chart as a PNG file, creating its directory. */
    public Path write(Path png) {
        try {
            Path parent = png.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            if (!ImageIO.write(render(), "png", png.toFile())) {
                throw new IllegalStateException("this JVM has no PNG writer");
            }
            return png;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the chart " + png + ": " + e.getMessage()
                    + "; fix: check that its directory is writable", e);
        }
    }

    /**
     * Writes the chart's data as CSV: a header {@code xLabel,series…}, then one row per x value in increasing order,
     * an empty cell where a series has no point there. Numbers as Java prints doubles (round-trip exact).
     */
    public Path writeCsv(Path csv) {
        TreeMap<Double, String[]> rows = new TreeMap<>();
        for (int s = 0; s < series.size(); s++) {
            Series line = series.get(s);
            for (int i = 0; i < line.x().length; i++) {
                rows.computeIfAbsent(line.x()[i], x -> new String[series.size()])[s] = String.valueOf(line.y()[i]);
            }
        }
        StringBuilder text = new StringBuilder(cell(xLabel));
        series.forEach(line -> text.append(',').append(cell(line.name())));
        text.append('\n');
        rows.forEach((x, values) -> {
            text.append(x == Math.rint(x) && Math.abs(x) < 1e15 ? String.valueOf((long) (double) x) : x.toString());
            for (String value : values) {
                text.append(',').append(value == null ? "" : value);
            }
            text.append('\n');
        });
        try {
            Files.createDirectories(csv.toAbsolutePath().getParent());
            return Files.writeString(csv, text);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + csv + ": " + e.getMessage()
                    + "; fix: check that its directory is writable", e);
        }
    }

    /** RFC 4180: quoted when it holds a comma, quote or line break. */
    private static String cell(String text) {
        return text.matches("(?s).*[,\"\r\n].*") ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }

    BufferedImage render() {
        if (series.isEmpty()) {
            throw new IllegalStateException("chart \"" + title + "\" has no series; add one before writing it");
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            Axis x = xAxis();
            Axis y = yAxis();
            drawAxes(g, x, y);
            drawSeries(g, x, y);
            drawLegend(g);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
            centred(g, title, width / 2, TOP - 14);
        } finally {
            g.dispose();
        }
        return image;
    }

    /** Where the point (x, y) lands in the image. */
    Point pixel(double x, double y) {
        return new Point((int) Math.round(xAxis().toPixel(x)), (int) Math.round(yAxis().toPixel(y)));
    }

    private Axis xAxis() {
        return Axis.of(series.stream().flatMapToDouble(s -> Arrays.stream(s.x())).toArray(),
                LEFT, width - RIGHT);
    }

    private Axis yAxis() {
        return Axis.of(series.stream().flatMapToDouble(s -> Arrays.stream(s.y())).toArray(),
                height - BOTTOM, TOP);
    }

    private void drawAxes(Graphics2D g, Axis x, Axis y) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        FontMetrics metrics = g.getFontMetrics();
        for (double tick : x.ticks()) {
            int px = (int) Math.round(x.toPixel(tick));
            g.setColor(new Color(235, 235, 235));
            g.drawLine(px, TOP, px, height - BOTTOM);
            g.setColor(Color.BLACK);
            g.drawLine(px, height - BOTTOM, px, height - BOTTOM + 5);
            centred(g, x.label(tick), px, height - BOTTOM + 8 + metrics.getAscent());
        }
        for (double tick : y.ticks()) {
            int py = (int) Math.round(y.toPixel(tick));
            g.setColor(new Color(235, 235, 235));
            g.drawLine(LEFT, py, width - RIGHT, py);
            g.setColor(Color.BLACK);
            g.drawLine(LEFT - 5, py, LEFT, py);
            String label = y.label(tick);
            g.drawString(label, LEFT - 8 - metrics.stringWidth(label), py + metrics.getAscent() / 2 - 1);
        }
        g.setColor(Color.BLACK);
        g.drawRect(LEFT, TOP, width - LEFT - RIGHT, height - TOP - BOTTOM);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        centred(g, xLabel, (LEFT + width - RIGHT) / 2, height - 12);
        AffineTransform straight = g.getTransform();
        g.rotate(-Math.PI / 2);
        centred(g, yLabel, -(TOP + height - BOTTOM) / 2, 18);
        g.setTransform(straight);
    }

    private void drawSeries(Graphics2D g, Axis x, Axis y) {
        for (int s = 0; s < series.size(); s++) {
            Series line = series.get(s);
            g.setColor(color(s));
            g.setStroke(new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            Path2D path = new Path2D.Double();
            for (int i = 0; i < line.x().length; i++) {
                double px = x.toPixel(line.x()[i]);
                double py = y.toPixel(line.y()[i]);
                if (i == 0) {
                    path.moveTo(px, py);
                } else {
                    path.lineTo(px, py);
                }
            }
            g.draw(path);
            for (int i = 0; i < line.x().length; i++) {
                Point p = new Point((int) Math.round(x.toPixel(line.x()[i])), (int) Math.round(y.toPixel(line.y()[i])));
                g.fillOval(p.x - DOT, p.y - DOT, 2 * DOT + 1, 2 * DOT + 1);
            }
        }
    }

    /** Bottom right of the plot, where rising curves such as accuracy leave room. */
    private void drawLegend(Graphics2D g) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        FontMetrics metrics = g.getFontMetrics();
        int rowHeight = metrics.getHeight() + 2;
        int textWidth = series.stream().mapToInt(s -> metrics.stringWidth(s.name())).max().orElse(0);
        int boxWidth = textWidth + 44;
        int boxHeight = rowHeight * series.size() + 10;
        int left = width - RIGHT - boxWidth - 10;
        int top = height - BOTTOM - boxHeight - 10;
        g.setStroke(new BasicStroke(1f));
        g.setColor(Color.WHITE);
        g.fillRect(left, top, boxWidth, boxHeight);
        g.setColor(Color.GRAY);
        g.drawRect(left, top, boxWidth, boxHeight);
        for (int s = 0; s < series.size(); s++) {
            int middle = top + 5 + rowHeight * s + rowHeight / 2;
            g.setColor(color(s));
            g.setStroke(new BasicStroke(2f));
            g.drawLine(left + 8, middle, left + 30, middle);
            g.setColor(Color.BLACK);
            g.drawString(series.get(s).name(), left + 36, middle + metrics.getAscent() / 2 - 1);
        }
    }

    static Color color(int series) {
        return PALETTE.get(series % PALETTE.size());
    }

    private static void centred(Graphics2D g, String text, int x, int baseline) {
        g.drawString(text, x - g.getFontMetrics().stringWidth(text) / 2, baseline);
    }

    /** An axis over "nice" bounds (multiples of 1, 2 or 5 × 10ⁿ) that hold every value. */
    private record Axis(double min, double max, double step, double fromPixel, double toPixel) {
        static Axis of(double[] values, double fromPixel, double toPixel) {
            double low = Arrays.stream(values).min().orElse(0);
            double high = Arrays.stream(values).max().orElse(1);
            if (high - low < 1e-12) { // one value: a unit span around it
                low -= 0.5;
                high += 0.5;
            }
            double step = niceStep((high - low) / 5);
            return new Axis(Math.floor(low / step) * step, Math.ceil(high / step) * step, step, fromPixel, toPixel);
        }

        double toPixel(double value) {
            return fromPixel + (value - min) / (max - min) * (toPixel - fromPixel);
        }

        List<Double> ticks() {
            List<Double> ticks = new ArrayList<>();
            for (long i = 0; min + i * step <= max + step * 1e-9; i++) {
                ticks.add(min + i * step);
            }
            return ticks;
        }

        String label(double tick) {
            int decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
            return String.format(Locale.ROOT, "%." + decimals + "f", tick);
        }

        private static double niceStep(double rough) {
            double magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
            double fraction = rough / magnitude;
            return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * magnitude;
        }
    }
}
