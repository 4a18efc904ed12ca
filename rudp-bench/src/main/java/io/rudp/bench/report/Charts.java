package io.rudp.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * PNG charts of benchmark results (XChart, drawn headless): goodput bars, latency percentile
 * distributions, and lines of y against x (for instance goodput against loss, one line per
 * congestion controller, next to the ideal).
 */
public final class Charts {

    /** Width of every chart, in pixels. */
    public static final int WIDTH = 1000;
    /** Height of every chart, in pixels. */
    public static final int HEIGHT = 600;
    /** The ratio of largest to smallest value above which a time axis is drawn logarithmic. */
    static final int LOG_AXIS_SPAN = 50;

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true"); // no display needed to draw PNGs
        }
    }

    private Charts() {
    }

    /**
     * The points of one line.
     *
     * @param x the x values
     * @param y the y values, as many as {@code x}
     */
    public record XySeries(double[] x, double[] y) {
        /** Copies both arrays and checks that they have the same, non-zero length. */
        public XySeries {
            Objects.requireNonNull(x, "x");
            Objects.requireNonNull(y, "y");
            if (x.length != y.length || x.length == 0) {
                throw new IllegalArgumentException("a series needs as many y as x values, and at least one; got "
                        + x.length + " x and " + y.length + " y");
            }
            x = x.clone();
            y = y.clone();
        }

        @Override
        public double[] x() {
            return x.clone();
        }

        @Override
        public double[] y() {
            return y.clone();
        }
    }

    /**
     * Grouped bars: one group per category, one bar per series in each group.
     *
     * @param file the PNG to write (parent directories are created)
     * @param title the chart's title
     * @param yTitle the value axis's title, with its unit
     * @param categories the groups, left to right
     * @param valuesBySeries for each series (legend order), one value per category ({@code NaN}
     *     draws no bar)
     * @return {@code file}
     */
    public static Path bars(Path file, String title, String yTitle, List<String> categories,
            Map<String, double[]> valuesBySeries) throws IOException {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setDecimalPattern("#,##0.00");
        for (Map.Entry<String, double[]> e : valuesBySeries.entrySet()) {
            double[] values = e.getValue();
            if (values.length != categories.size()) {
                throw new IllegalArgumentException("series " + e.getKey() + " has " + values.length
                        + " values for " + categories.size() + " categories");
            }
            List<Number> ys = new ArrayList<>();
            for (double v : values) {
                ys.add(Double.isNaN(v) ? null : v);
            }
            chart.addSeries(e.getKey(), categories, ys);
        }
        return save(chart, file);
    }

    /**
     * Latency distributions as percentile plots: for each histogram (values in nanoseconds), the
     * value at each percentile, in milliseconds, against {@code 1 / (1 - percentile)} on a
     * logarithmic axis (10 is p90, 100 is p99, 1,000 is p99.9; the last point of a line is the
     * maximum).
     *
     * The time axis is logarithmic too when the values span more than {@value #LOG_AXIS_SPAN}-fold
     * (XChart then labels decades only), linear otherwise.
     *
     * @param file the PNG to write
     * @param title the chart's title
     * @param histogramsByScenario one line per entry, in legend order; empty histograms are skipped
     * @return {@code file}
     */
    public static Path percentiles(Path file, String title, Map<String, Histogram> histogramsByScenario)
            throws IOException {
        long lowest = Long.MAX_VALUE;
        long highest = 0;
        for (Histogram h : histogramsByScenario.values()) {
            if (h.getTotalCount() > 0) {
                lowest = Math.min(lowest, Math.max(1, h.getMinValue()));
                highest = Math.max(highest, h.getMaxValue());
            }
        }
        boolean logarithmicY = highest > LOG_AXIS_SPAN * (double) lowest;
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("1 / (1 - percentile): 2 = p50, 10 = p90, 100 = p99, 1,000 = p99.9")
                .yAxisTitle("round-trip time (ms)").build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(logarithmicY);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        for (Map.Entry<String, Histogram> e : histogramsByScenario.entrySet()) {
            Histogram h = e.getValue();
            if (h.getTotalCount() == 0) {
                continue;
            }
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (HistogramIterationValue v : h.percentiles(5)) {
                double p = v.getPercentileLevelIteratedTo();
                if (p >= 100.0) {
                    break;
                }
                xs.add(100.0 / (100.0 - p));
                ys.add(Math.max(1e-3, h.highestEquivalentValue(v.getValueIteratedTo()) / 1e6));
            }
            xs.add(Math.max(2.0, (double) h.getTotalCount())); // the maximum: the last 1/n of the samples
            ys.add(Math.max(1e-3, h.getMaxValue() / 1e6));
            XYSeries s = chart.addSeries(e.getKey(), xs, ys);
            s.setMarker(SeriesMarkers.NONE);
        }
        return save(chart, file);
    }

    /**
     * Lines of y against x, one per entry of {@code seriesByName}, with markers at the points.
     *
     * @return {@code file}
     */
    public static Path lines(Path file, String title, String xTitle, String yTitle,
            Map<String, XySeries> seriesByName) throws IOException {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        for (Map.Entry<String, XySeries> e : seriesByName.entrySet()) {
            chart.addSeries(e.getKey(), e.getValue().x(), e.getValue().y());
        }
        return save(chart, file);
    }

    /**
     * Goodput against loss, one line per congestion controller, plus the ideal
     * {@code (1 - loss) x capacity} over the same loss values.
     *
     * @param file the PNG to write
     * @param title the chart's title (say the capacity and RTT)
     * @param capacityMbps the bottleneck's capacity, Mbit/s
     * @param byController for each controller, x = loss in percent, y = goodput in Mbit/s
     * @return {@code file}
     */
    public static Path goodputAgainstLoss(Path file, String title, double capacityMbps,
            Map<String, XySeries> byController) throws IOException {
        TreeSet<Double> losses = new TreeSet<>();
        for (XySeries s : byController.values()) {
            Arrays.stream(s.x()).forEach(losses::add);
        }
        Map<String, XySeries> all = new LinkedHashMap<>(byController);
        if (!losses.isEmpty()) {
            double[] x = losses.stream().mapToDouble(Double::doubleValue).toArray();
            double[] y = Arrays.stream(x).map(loss -> (1 - loss / 100.0) * capacityMbps).toArray();
            all.put("ideal (1 - loss) x capacity", new XySeries(x, y));
        }
        return lines(file, title, "loss (%)", "goodput (Mbit/s)", all);
    }

    private static Path save(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart, Path file) throws IOException {
        Path absolute = file.toAbsolutePath();
        if (!absolute.getFileName().toString().endsWith(".png")) {
            throw new IllegalArgumentException("a chart file must end in .png, got " + file);
        }
        Files.createDirectories(absolute.getParent());
        BitmapEncoder.saveBitmap(chart, absolute.toString(), BitmapEncoder.BitmapFormat.PNG);
        return file;
    }
}
