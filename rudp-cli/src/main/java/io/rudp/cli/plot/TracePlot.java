package io.rudp.cli.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws a trace as one PNG of two charts stacked on a shared time axis (XChart): the congestion
 * window and bytes in flight with losses marked, then the latest, smoothed and minimum RTT.
 * Values are drawn as steps (each holds until the next event changes it). Series longer than a few points per pixel are reduced to each slice's extremes first, so a
 * trace of millions of events draws like the full one in bounded time and memory.
 */
public final class TracePlot {

    /** What was drawn, for the command's summary line. */
    public record Summary(long packetsSent, long packetsReceived, long packetsLost, double durationSeconds,
                          boolean truncated) {
    }

    private TracePlot() {
    }

    /**
     * Reads {@code trace} and writes the chart to {@code png}.
     *
     * @param trace a trace file written by {@code io.rudp.TraceFiles}
     * @param png where the image goes (replaced if it exists)
     * @param widthPixels the image's width
     * @param heightPixels the image's height (both charts together)
     * @return counts of what the trace holds
     * @throws TraceFormatException if the trace is malformed or holds no metrics to draw
     * @throws IOException if the trace cannot be read or the image written
     */
    public static Summary render(Path trace, Path png, int widthPixels, int heightPixels) throws IOException {
        TraceData data = TraceReader.read(trace);
        if (!data.hasMetrics()) {
            throw new TraceFormatException("the trace holds no congestion or RTT metrics to draw (" + data.packetsSent
                    + " packets sent); was the connection established?");
        }
        System.setProperty("java.awt.headless", "true");
        int topHeight = heightPixels / 2;
        int bottomHeight = heightPixels - topHeight;
        double maxX = Math.max(data.lastTimeSeconds, 1e-3);
        int buckets = Math.max(1, widthPixels);

        String who = data.role + " " + data.connectionId + " (peer " + data.peer + ")";
        XYChart window = chart(widthPixels, topHeight, "Congestion window and bytes in flight: " + who, "KiB", maxX);
        addLine(window, "congestion window", kib(data.congestionWindow).stepped().decimated(buckets), new Color(0x1f77b4), 2f);
        addLine(window, "bytes in flight", kib(data.bytesInFlight).stepped().decimated(buckets), new Color(0xff7f0e), 1f);
        if (!data.losses.isEmpty()) {
            XYSeries lost = window.addSeries("lost packets (" + data.packetsLost + ")",
                    kib(data.losses).xs(), kib(data.losses).ys());
            lost.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            lost.setMarker(SeriesMarkers.CROSS);
            lost.setMarkerColor(new Color(0xd62728));
        }

        XYChart rtt = chart(widthPixels, bottomHeight, "Round-trip time", "ms", maxX);
        rtt.setXAxisTitle("time since the connection began (s)");
        addLine(rtt, "latest RTT", data.latestRtt.stepped().decimated(buckets), new Color(0x9ecae1), 1f);
        addLine(rtt, "smoothed RTT", data.smoothedRtt.stepped().decimated(buckets), new Color(0x08519c), 2f);
        addLine(rtt, "min RTT", data.minRtt.stepped().decimated(buckets), new Color(0x2ca02c), 1.5f);

        BufferedImage image = new BufferedImage(widthPixels, heightPixels, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.drawImage(BitmapEncoder.getBufferedImage(window), 0, 0, null);
            g.drawImage(BitmapEncoder.getBufferedImage(rtt), 0, topHeight, null);
        } finally {
            g.dispose();
        }
        if (!ImageIO.write(image, "png", png.toFile())) {
            throw new IOException("no PNG writer is available in this Java runtime");
        }
        return new Summary(data.packetsSent, data.packetsReceived, data.packetsLost, data.lastTimeSeconds, data.truncated);
    }

    private static XYChart chart(int width, int height, String title, String yTitle, double maxX) {
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title).yAxisTitle(yTitle).build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setXAxisMax(maxX);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setMarkerSize(6);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        chart.getStyler().setXAxisDecimalPattern(maxX < 10 ? "0.0" : "0");
        chart.getStyler().setLocale(Locale.ROOT);
        return chart;
    }

    private static void addLine(XYChart chart, String name, Series series, Color color, float widthPixels) {
        if (series.isEmpty()) {
            return;
        }
        XYSeries s = chart.addSeries(name, series.xs(), series.ys());
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(color);
        s.setLineStyle(new BasicStroke(widthPixels));
    }

    private static Series kib(Series bytes) {
        Series out = new Series();
        for (int i = 0; i < bytes.size(); i++) {
            out.add(bytes.x(i), bytes.y(i) / 1024);
        }
        return out;
    }
}
