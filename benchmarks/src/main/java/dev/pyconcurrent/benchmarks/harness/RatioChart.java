package dev.pyconcurrent.benchmarks.harness;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The PNG chart of a run: per row, how many times faster than CPython this project is (and where the plain-JDK
 * reference stands), on a log scale since the ratios span 0.5× to 100×.
 */
public final class RatioChart {
    private RatioChart() {
    }

    public static void write(Results results, Path png, String subtitle) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<String> labels = new ArrayList<>();
        List<Double> ours = new ArrayList<>();
        List<Double> reference = new ArrayList<>();
        for (Row row : results.rows()) {
            if (!row.has(Side.CPYTHON) || !row.has(Side.OURS)) {
                continue;
            }
            labels.add(row.key());
            ours.add(row.speedup(Side.OURS, Side.CPYTHON));
            Side ref = row.has(Side.RAW_SOCKET) ? Side.RAW_SOCKET : row.has(Side.JUC) ? Side.JUC
                    : row.has(Side.BARE_JVM) ? Side.BARE_JVM : null;
            // a bare JVM start is a floor, not a competing implementation of the workload: leave it out
            reference.add(ref == null || ref == Side.BARE_JVM ? null : row.speedup(ref, Side.CPYTHON));
        }
        if (labels.isEmpty()) {
            return;
        }
        CategoryChart chart = new CategoryChartBuilder().width(1200).height(650)
                .title("Speed-up against CPython in the same run (log scale, > 1 = faster) - " + subtitle)
                .xAxisTitle("workload / metric").yAxisTitle("× CPython").build();
        Styler styler = chart.getStyler();
        // Bars start at the axis minimum; on a log axis that must be > 0. A missing reference is NaN (no bar): XChart
        // places values by index, not by category, so every series needs a value for every label.
        double floor = Math.pow(10, Math.floor(Math.log10(java.util.stream.Stream.concat(ours.stream(),
                reference.stream()).filter(v -> v != null).mapToDouble(Double::doubleValue).min().orElse(1))));
        floor = Math.min(floor, 0.1);
        reference.replaceAll(v -> v == null ? Double.NaN : v);
        double top = java.util.stream.Stream.concat(ours.stream(), reference.stream())
                .filter(v -> !v.isNaN()).mapToDouble(Double::doubleValue).max().orElse(10);
        chart.getStyler().setYAxisMin(floor);
        chart.getStyler().setYAxisMax(Math.pow(10, Math.ceil(Math.log10(top * 1.2))));
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setXAxisLabelRotation(35);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setDecimalPattern("0.##");
        chart.getStyler().setOverlapped(false);
        chart.getStyler().setSeriesColors(new Color[] {new Color(0x1f77b4), new Color(0xbbbbbb)});
        styler.setChartBackgroundColor(Color.WHITE);
        chart.addSeries("pyconcurrent-java", labels, ours);
        chart.addSeries("plain JDK reference (raw socket / j.u.c.)", labels, reference);
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
