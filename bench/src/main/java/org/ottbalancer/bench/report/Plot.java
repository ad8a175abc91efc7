package org.ottbalancer.bench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Small PNG charts drawn with Java2D, so the report needs nothing beyond the JDK (no plotting
 * package to install on CI): grouped bars and lines, linear or logarithmic value axis.
 */
final class Plot {
    static final Color[] COLORS = {new Color(0x4C72B0), new Color(0xDD8452), new Color(0x55A868), new Color(0xC44E52)};
    private static final int W = 900;
    private static final int H = 520;
    private static final int LEFT = 95;
    private static final int RIGHT = 30;
    private static final int TOP = 60;
    private static final int BOTTOM = 80;

    /** One named series of values (NaN = missing). */
    record Series(String name, double[] values) {
    }

    private Plot() {
    }

    /** Grouped bars: one group per category, one bar per series. */
    static void bars(Path file, String title, String yLabel, List<String> categories, List<Series> series, boolean log)
            throws IOException {
        Canvas c = new Canvas(title, yLabel, all(series), log);
        int groups = categories.size();
        double groupWidth = (double) c.plotW / groups;
        double barWidth = groupWidth * 0.8 / Math.max(1, series.size());
        for (int g = 0; g < groups; g++) {
            double x0 = LEFT + g * groupWidth + groupWidth * 0.1;
            for (int s = 0; s < series.size(); s++) {
                double v = series.get(s).values()[g];
                if (Double.isNaN(v)) {
                    continue;
                }
                int y = c.y(v);
                int x = (int) (x0 + s * barWidth);
                c.g.setColor(COLORS[s % COLORS.length]);
                c.g.fillRect(x, y, (int) Math.max(1, barWidth - 2), TOP + c.plotH - y);
                c.g.setColor(Color.DARK_GRAY);
                c.g.setFont(c.small);
                String label = Figures.num(v);
                int lw = c.g.getFontMetrics().stringWidth(label);
                c.g.drawString(label, (int) (x + (barWidth - 2 - lw) / 2), y - 4);
            }
            c.g.setColor(Color.BLACK);
            c.g.setFont(c.normal);
            String cat = categories.get(g);
            int cw = c.g.getFontMetrics().stringWidth(cat);
            c.g.drawString(cat, (int) (LEFT + g * groupWidth + (groupWidth - cw) / 2), TOP + c.plotH + 20);
        }
        c.legend(series);
        c.write(file);
    }

    /** Lines over a numeric x axis (the x values are shown as categories, evenly spaced). */
    static void lines(Path file, String title, String xLabel, String yLabel, double[] xs, List<Series> series, boolean log)
            throws IOException {
        Canvas c = new Canvas(title, yLabel, all(series), log);
        double step = xs.length > 1 ? (double) c.plotW / (xs.length - 1) : 0;
        int pad = xs.length > 1 ? 0 : c.plotW / 2;
        for (int s = 0; s < series.size(); s++) {
            c.g.setColor(COLORS[s % COLORS.length]);
            c.g.setStroke(new BasicStroke(2.5f));
            int px = -1;
            int py = -1;
            for (int i = 0; i < xs.length; i++) {
                double v = series.get(s).values()[i];
                if (Double.isNaN(v)) {
                    px = -1;
                    continue;
                }
                int x = (int) (LEFT + pad + i * step);
                int y = c.y(v);
                if (px >= 0) {
                    c.g.drawLine(px, py, x, y);
                }
                c.g.fillOval(x - 4, y - 4, 8, 8);
                c.g.setFont(c.small);
                String label = Figures.num(v);
                int lw = c.g.getFontMetrics().stringWidth(label);
                // The last point's label would run off the image: put it on the point's left.
                int lx = x + 5 + lw > W - 2 ? x - 5 - lw : x + 5;
                c.g.drawString(label, lx, y - 6);
                px = x;
                py = y;
            }
        }
        c.g.setColor(Color.BLACK);
        c.g.setFont(c.normal);
        for (int i = 0; i < xs.length; i++) {
            String label = Figures.num(xs[i]);
            int w = c.g.getFontMetrics().stringWidth(label);
            c.g.drawString(label, (int) (LEFT + pad + i * step - w / 2.0), TOP + c.plotH + 20);
        }
        int xw = c.g.getFontMetrics().stringWidth(xLabel);
        c.g.drawString(xLabel, LEFT + (c.plotW - xw) / 2, TOP + c.plotH + 42);
        c.legend(series);
        c.write(file);
    }

    private static List<Double> all(List<Series> series) {
        List<Double> v = new ArrayList<>();
        for (Series s : series) {
            for (double d : s.values()) {
                if (!Double.isNaN(d)) {
                    v.add(d);
                }
            }
        }
        return v;
    }

    /** The frame, title, value axis and grid shared by both chart kinds. */
    private static final class Canvas {
        final BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        final Graphics2D g = img.createGraphics();
        final Font normal = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
        final Font small = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
        final int plotW = W - LEFT - RIGHT;
        final int plotH = H - TOP - BOTTOM;
        final boolean log;
        final double lo;
        final double hi;

        Canvas(String title, String yLabel, List<Double> values, boolean log) {
            this.log = log;
            double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(1);
            double min = values.stream().mapToDouble(Double::doubleValue).filter(v -> v > 0).min().orElse(1);
            if (log) {
                lo = Math.pow(10, Math.floor(Math.log10(Math.max(min, 1e-9))));
                hi = Math.pow(10, Math.ceil(Math.log10(Math.max(max, lo * 10))));
            } else {
                lo = 0;
                hi = niceCeiling(max * 1.12);
            }
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, W, H);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
            g.drawString(title, LEFT, 30);
            g.setFont(normal);
            FontMetrics fm = g.getFontMetrics();
            for (double t : ticks()) {
                int y = y(t);
                g.setColor(new Color(0xE0E0E0));
                g.drawLine(LEFT, y, LEFT + plotW, y);
                g.setColor(Color.BLACK);
                String label = Figures.num(t);
                g.drawString(label, LEFT - 8 - fm.stringWidth(label), y + 4);
            }
            g.setColor(Color.BLACK);
            g.drawLine(LEFT, TOP, LEFT, TOP + plotH);
            g.drawLine(LEFT, TOP + plotH, LEFT + plotW, TOP + plotH);
            Graphics2D r = (Graphics2D) g.create();
            r.rotate(-Math.PI / 2);
            r.drawString(yLabel + (log ? " (log scale)" : ""), -(TOP + plotH / 2 + fm.stringWidth(yLabel) / 2), 18);
            r.dispose();
        }

        int y(double v) {
            double f;
            if (log) {
                f = (Math.log10(Math.max(v, lo)) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo));
            } else {
                f = (v - lo) / (hi - lo);
            }
            return (int) Math.round(TOP + plotH - f * plotH);
        }

        List<Double> ticks() {
            List<Double> t = new ArrayList<>();
            if (log) {
                for (double v = lo; v <= hi * 1.0001; v *= 10) {
                    t.add(v);
                }
            } else {
                double step = hi / 5;
                for (int i = 0; i <= 5; i++) {
                    t.add(step * i);
                }
            }
            return t;
        }

        void legend(List<Series> series) {
            g.setFont(normal);
            int x = LEFT;
            int y = H - 18;
            for (int s = 0; s < series.size(); s++) {
                g.setColor(COLORS[s % COLORS.length]);
                g.fillRect(x, y - 10, 14, 12);
                g.setColor(Color.BLACK);
                g.drawString(series.get(s).name(), x + 20, y);
                x += 40 + g.getFontMetrics().stringWidth(series.get(s).name());
            }
        }

        void write(Path file) throws IOException {
            g.dispose();
            ImageIO.write(img, "png", file.toFile());
        }
    }

    static double niceCeiling(double v) {
        if (v <= 0) {
            return 1;
        }
        double mag = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10}) {
            if (m * mag >= v) {
                return m * mag;
            }
        }
        return 10 * mag;
    }

}
