package org.mlp4j.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Draws the landscape: the cost as shaded contours over the plane, the two paths on it, the start and the
 * lowest point of the grid. The same drawing code makes the PNG (Java2D on an image) and the SVG
 * (VectorGraphics2D, which records Java2D calls).
 */
final class LandscapePlot {
    static final int WIDTH = 1140;
    static final int HEIGHT = 760;
    private static final int LEFT = 80;
    private static final int TOP = 60;
    private static final int SIZE = 600;

    /** Everything the figure shows. */
    record Figure(
            String title,
            double[] as,
            double[] bs,
            double[][] cost,
            List<double[][]> paths,
            List<String> names,
            List<Color> colours,
            List<String> captions,
            String xLabel,
            String yLabel) {}

    private LandscapePlot() {}

    static byte[] png(Figure f) {
        BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        draw(g, f);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] svg(Figure f) {
        de.erichseifert.vectorgraphics2d.VectorGraphics2D g = new de.erichseifert.vectorgraphics2d.VectorGraphics2D();
        draw(g, f);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            new de.erichseifert.vectorgraphics2d.svg.SVGProcessor()
                    .getDocument(
                            g.getCommands(), new de.erichseifert.vectorgraphics2d.util.PageSize(0, 0, WIDTH, HEIGHT))
                    .writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static void draw(Graphics2D g, Figure f) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        Grid grid = Grid.of(f);
        shade(g, f, grid);
        contours(g, f, grid);
        paths(g, f, grid);
        // the start and the grid's lowest point
        double[] start = f.paths().get(0)[0];
        g.setColor(Color.BLACK);
        g.fill(new java.awt.geom.Ellipse2D.Double(grid.px(start[0]) - 6, grid.py(start[1]) - 6, 12, 12));
        star(g, x(grid.bestI * grid.cellW), y(grid.bestJ * grid.cellH), 11);
        frame(g, f);
        legend(g, f, grid);
    }

    /**
     * The grid's log-cost range and lowest point, its cells' size in pixels, and where a point (a, b) of
     * the plane is drawn.
     */
    private record Grid(
            double lo, double hi, int bestI, int bestJ, double cellW, double cellH, double[] as, double[] bs) {
        static Grid of(Figure f) {
            int n = f.as().length;
            int m = f.bs().length;
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            int bestI = 0;
            int bestJ = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < m; j++) {
                    double c = Math.log(f.cost()[i][j]);
                    if (c < lo) {
                        lo = c;
                        bestI = i;
                        bestJ = j;
                    }
                    hi = Math.max(hi, c);
                }
            }
            return new Grid(lo, hi, bestI, bestJ, (double) SIZE / (n - 1), (double) SIZE / (m - 1), f.as(), f.bs());
        }

        double px(double a) {
            return x((a - as[0]) / (as[as.length - 1] - as[0]) * SIZE);
        }

        double py(double b) {
            return y((b - bs[0]) / (bs[bs.length - 1] - bs[0]) * SIZE);
        }
    }

    /** Shading: light for low cost, darker for high (log scale). */
    private static void shade(Graphics2D g, Figure f, Grid grid) {
        double[][] cost = f.cost();
        for (int i = 0; i < f.as().length - 1; i++) {
            for (int j = 0; j < f.bs().length - 1; j++) {
                double c = (Math.log(cost[i][j])
                                + Math.log(cost[i + 1][j])
                                + Math.log(cost[i][j + 1])
                                + Math.log(cost[i + 1][j + 1]))
                        / 4;
                double t = (c - grid.lo) / Math.max(1e-12, grid.hi - grid.lo);
                g.setColor(new Color((int) (255 - 120 * t), (int) (255 - 90 * t), (int) (255 - 30 * t)));
                g.fill(new java.awt.geom.Rectangle2D.Double(
                        x(i * grid.cellW), y(j * grid.cellH) - grid.cellH, grid.cellW + 0.5, grid.cellH + 0.5));
            }
        }
    }

    /** Contour lines at 12 levels, evenly spaced in log cost: marching squares, one segment per crossing pair. */
    private static void contours(Graphics2D g, Figure f, Grid grid) {
        g.setStroke(new BasicStroke(1f));
        g.setColor(new Color(90, 110, 150));
        for (int level = 1; level <= 12; level++) {
            double v = grid.lo + (grid.hi - grid.lo) * level / 13.0;
            for (int i = 0; i < f.as().length - 1; i++) {
                for (int j = 0; j < f.bs().length - 1; j++) {
                    contourCell(g, f, i, j, v, grid.cellW, grid.cellH);
                }
            }
        }
    }

    /** Each optimiser's path: a line through its points, and a dot at each. */
    private static void paths(Graphics2D g, Figure f, Grid grid) {
        for (int p = 0; p < f.paths().size(); p++) {
            double[][] pts = f.paths().get(p);
            g.setColor(f.colours().get(p));
            g.setStroke(new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            Path2D line = new Path2D.Double();
            for (int k = 0; k < pts.length; k++) {
                if (k == 0) {
                    line.moveTo(grid.px(pts[k][0]), grid.py(pts[k][1]));
                } else {
                    line.lineTo(grid.px(pts[k][0]), grid.py(pts[k][1]));
                }
            }
            g.draw(line);
            for (double[] pt : pts) {
                g.fill(new java.awt.geom.Ellipse2D.Double(grid.px(pt[0]) - 3, grid.py(pt[1]) - 3, 6, 6));
            }
        }
    }

    /** The frame, the title and the axes' labels. */
    private static void frame(Graphics2D g, Figure f) {
        g.setColor(Color.DARK_GRAY);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(LEFT, TOP, SIZE, SIZE);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 17));
        g.drawString(f.title(), LEFT, 34);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        g.drawString(f.xLabel(), LEFT + 120, TOP + SIZE + 30);
        java.awt.geom.AffineTransform saved = g.getTransform();
        g.rotate(-Math.PI / 2);
        g.drawString(f.yLabel(), -(TOP + SIZE - 100), LEFT - 20);
        g.setTransform(saved);
    }

    /** The legend right of the plot: the marks, each path's name and caption, the contours' range. */
    private static void legend(Graphics2D g, Figure f, Grid grid) {
        int ly = TOP + 10;
        int lx = LEFT + SIZE + 22;
        g.setColor(Color.BLACK);
        g.fill(new java.awt.geom.Ellipse2D.Double(lx, ly - 10, 10, 10));
        g.drawString("start (the same for both)", lx + 18, ly);
        ly += 24;
        star(g, lx + 5, ly - 5, 7);
        g.drawString("lowest cost on the grid", lx + 18, ly);
        for (int p = 0; p < f.paths().size(); p++) {
            ly += 34;
            g.setColor(f.colours().get(p));
            g.fillRect(lx, ly - 9, 12, 6);
            g.setColor(Color.BLACK);
            g.drawString(f.names().get(p), lx + 18, ly);
            for (String line : f.captions().get(p).split("\n")) {
                ly += 17;
                g.drawString(line, lx + 18, ly);
            }
        }
        ly += 34;
        g.drawString(
                String.format(Locale.ROOT, "contours: cost %.3g to %.3g", Math.exp(grid.lo), Math.exp(grid.hi)),
                lx,
                ly);
        g.drawString("(log scale, 12 levels)", lx, ly + 17);
    }

    private static double x(double px) {
        return LEFT + px;
    }

    private static double y(double py) {
        return TOP + SIZE - py;
    }

    private static void contourCell(Graphics2D g, LandscapePlot.Figure f, int i, int j, double v, double w, double h) {
        double c00 = Math.log(f.cost()[i][j]);
        double c10 = Math.log(f.cost()[i + 1][j]);
        double c01 = Math.log(f.cost()[i][j + 1]);
        double c11 = Math.log(f.cost()[i + 1][j + 1]);
        double[][] hits = new double[4][];
        int k = 0;
        // edges: bottom (00-10), right (10-11), top (01-11), left (00-01)
        if ((c00 < v) != (c10 < v)) {
            hits[k++] = new double[] {i + (v - c00) / (c10 - c00), j};
        }
        if ((c10 < v) != (c11 < v)) {
            hits[k++] = new double[] {i + 1, j + (v - c10) / (c11 - c10)};
        }
        if ((c01 < v) != (c11 < v)) {
            hits[k++] = new double[] {i + (v - c01) / (c11 - c01), j + 1};
        }
        if ((c00 < v) != (c01 < v)) {
            hits[k++] = new double[] {i, j + (v - c00) / (c01 - c00)};
        }
        for (int s = 0; s + 1 < k; s += 2) {
            g.draw(new java.awt.geom.Line2D.Double(
                    x(hits[s][0] * w), y(hits[s][1] * h), x(hits[s + 1][0] * w), y(hits[s + 1][1] * h)));
        }
    }

    private static void star(Graphics2D g, double cx, double cy, double r) {
        Path2D s = new Path2D.Double();
        for (int k = 0; k < 10; k++) {
            double rr = k % 2 == 0 ? r : r * 0.45;
            double a = -Math.PI / 2 + k * Math.PI / 5;
            double px = cx + rr * Math.cos(a);
            double py = cy + rr * Math.sin(a);
            if (k == 0) {
                s.moveTo(px, py);
            } else {
                s.lineTo(px, py);
            }
        }
        s.closePath();
        g.setColor(new Color(230, 180, 0));
        g.fill(s);
        g.setColor(Color.BLACK);
        g.draw(s);
    }
}
