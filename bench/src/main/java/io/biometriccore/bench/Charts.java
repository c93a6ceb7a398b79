package io.biometriccore.bench;

import io.biometriccore.bench.SignInReport.Level;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * A {@link SignInReport} as one self-contained HTML page: inline SVG line charts of throughput and of
 * p50/p95/p99 latency by concurrency, and the table. No script, no style sheet, no network.
 */
final class Charts {

    private static final int WIDTH = 640;
    private static final int HEIGHT = 320;
    private static final int MARGIN = 56;
    private static final int GRID_LINES = 5;

    /** A line of the chart: its name, its colour and its value at a level. */
    private record Series(String name, String colour, ToDoubleFunction<Level> value) {
    }

    private Charts() {
    }

    static String html(SignInReport report) {
        SignInReport.Parameters p = report.parameters();
        List<Level> levels = report.levels();
        return """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>Biometric Core sign-in benchmark</title></head>
                <body style="font-family: sans-serif; max-width: 960px; margin: 2em auto">
                <h1>Sign-in by concurrency</h1>
                <p>%s seeded customers of tenant <code>%s</code> at <code>%s</code>, started %s; each level
                measured for %s s after a %s s warm-up.</p>
                <h2>Throughput (sign-ins per second)</h2>
                %s
                <h2>Latency (ms)</h2>
                %s
                <h2>Figures</h2>
                <pre>%s</pre>
                </body></html>
                """.formatted(String.format(Locale.ROOT, "%,d", p.customers()), escape(p.tenant()), escape(p.url()),
                report.startedAt(), number(p.durationSeconds()), number(p.warmupSeconds()),
                svg(levels, List.of(new Series("sign-ins/s", "#1f77b4", Level::throughput))),
                svg(levels, List.of(new Series("p50", "#2ca02c", l -> l.latencyMs().p50()),
                        new Series("p95", "#ff7f0e", l -> l.latencyMs().p95()),
                        new Series("p99", "#d62728", l -> l.latencyMs().p99()))),
                escape(report.table()));
    }

    /** The levels spaced evenly along x, labelled with their client counts; y from 0 to the largest value. */
    private static String svg(List<Level> levels, List<Series> series) {
        double max = Math.max(series.stream().flatMapToDouble(s -> levels.stream().mapToDouble(s.value()))
                .max().orElse(0), 1e-9);
        var svg = new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-size=\"12\">%n",
                WIDTH, HEIGHT));
        for (int g = 0; g <= GRID_LINES; g++) {
            double y = y(max * g / GRID_LINES, max);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", MARGIN, y, WIDTH - MARGIN / 2, y,
                    MARGIN - 6, y + 4, number(max * g / GRID_LINES)));
        }
        for (int i = 0; i < levels.size(); i++) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d</text>%n",
                    x(i, levels.size()), HEIGHT - MARGIN + 18, levels.get(i).concurrency()));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">clients</text>%n",
                WIDTH / 2, HEIGHT - 12));
        for (int s = 0; s < series.size(); s++) {
            svg.append(line(levels, series.get(s), max)).append(String.format(Locale.ROOT,
                    "<text x=\"%d\" y=\"%d\" fill=\"%s\">%s</text>%n", MARGIN + 8 + 90 * s, MARGIN / 2,
                    series.get(s).colour(), escape(series.get(s).name())));
        }
        return svg.append("</svg>").toString();
    }

    private static String line(List<Level> levels, Series series, double max) {
        var points = new StringBuilder();
        var dots = new StringBuilder();
        for (int i = 0; i < levels.size(); i++) {
            double x = x(i, levels.size());
            double y = y(series.value().applyAsDouble(levels.get(i)), max);
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            dots.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>", x, y,
                    series.colour()));
        }
        return String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>%s%n",
                points.toString().trim(), series.colour(), dots);
    }

    private static double x(int index, int count) {
        double plot = WIDTH - MARGIN * 1.5;
        return count == 1 ? MARGIN + plot / 2 : MARGIN + plot * index / (count - 1);
    }

    private static double y(double value, double max) {
        return HEIGHT - MARGIN - (HEIGHT - MARGIN * 1.5) * value / max;
    }

    private static String number(double value) {
        return value >= 100 || value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value)
                : String.format(Locale.ROOT, "%.1f", value);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
