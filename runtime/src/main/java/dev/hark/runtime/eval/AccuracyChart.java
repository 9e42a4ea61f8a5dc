package dev.hark.runtime.eval;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Draws command accuracy per condition, Hark beside the reference recogniser, as a PNG bar chart
 * (JFreeChart, headless: no display needed). A few hundred milliseconds, most of it loading AWT.
 */
public final class AccuracyChart {
    private AccuracyChart() {
    }

    /** Writes the chart of {@code results} to {@code png} (800 × 480 pixels). */
    public static void write(Path png, List<ConditionResult> results, String title) throws IOException {
        System.setProperty("java.awt.headless", "true");
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (ConditionResult r : results) {
            data.addValue(100 * r.accuracy(), "Hark", r.condition().name());
            if (r.reference() != null) data.addValue(100 * r.referenceAccuracy(), r.reference().engine(), r.condition().name());
        }
        JFreeChart chart = ChartFactory.createBarChart(title, "condition", "commands understood exactly (%)", data,
                PlotOrientation.VERTICAL, true, false, false);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.getRangeAxis().setRange(0, 100);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.GRAY);
        ChartUtils.saveChartAsPNG(png.toFile(), chart, 800, 480);
    }
}
