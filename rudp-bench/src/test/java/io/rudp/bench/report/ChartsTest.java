package io.rudp.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartsTest {

    @TempDir
    Path dir;

    @Test
    void goodputAgainstLossWritesAReadablePng() throws Exception {
        Map<String, Charts.XySeries> byController = new LinkedHashMap<>();
        byController.put("BBR", new Charts.XySeries(new double[] {0, 1, 5}, new double[] {95, 94, 86}));
        byController.put("CUBIC", new Charts.XySeries(new double[] {0, 1, 5}, new double[] {97, 6, 2}));

        Path png = Charts.goodputAgainstLoss(dir.resolve("sub/goodput.png"), "100 Mbit/s, 20 ms", 100, byController);

        assertReadablePng(png);
    }

    @Test
    void barsAndPercentilesWriteReadablePngs() throws Exception {
        Map<String, double[]> bars = new LinkedHashMap<>();
        bars.put("rudp", new double[] {1.5, 2.5});
        bars.put("TCP", new double[] {15, Double.NaN});
        assertReadablePng(Charts.bars(dir.resolve("bars.png"), "t", "Gbit/s", List.of("1", "4"), bars));

        Histogram h = new Histogram(60_000_000_000L, 3);
        for (long v = 1; v <= 1_000; v++) {
            h.recordValue(v * 1_000);
        }
        Map<String, Histogram> hs = new LinkedHashMap<>();
        hs.put("a", h);
        hs.put("empty", new Histogram(60_000_000_000L, 3));
        assertReadablePng(Charts.percentiles(dir.resolve("p.png"), "t", hs));
    }

    @Test
    void mismatchedSeriesAreRejected() {
        assertThatThrownBy(() -> new Charts.XySeries(new double[] {1, 2}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Charts.bars(dir.resolve("x.png"), "t", "y", List.of("a"), Map.of("s", new double[2])))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 values for 1 categories");
        assertThatThrownBy(() -> Charts.lines(dir.resolve("x.jpg"), "t", "x", "y", Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(".png");
    }

    static void assertReadablePng(Path png) throws Exception {
        byte[] head = java.nio.file.Files.readAllBytes(png);
        assertThat(head).startsWith(0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n');
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).isNotNull();
        assertThat(image.getWidth()).isEqualTo(Charts.WIDTH);
        assertThat(image.getHeight()).isEqualTo(Charts.HEIGHT);
    }
}
