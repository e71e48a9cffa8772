package org.mlp4j.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.function.Consumer;

/** Large one-bit images of dark ink on white paper, cheap to make and to store as PNG. */
final class TestImages {
    private TestImages() {}

    static BufferedImage inkOnPaper(int width, int height, float stroke, Consumer<Graphics2D> draw) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_BINARY);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(stroke));
        draw.accept(g);
        g.dispose();
        return img;
    }

    /** Example i of an image dataset as a raw example: its grey levels 0..255, as every entry point takes them. */
    static float[] greyLevels(org.mlp4j.data.ImageDataset d, int i) {
        float[] raw = new float[d.features()];
        for (int p = 0; p < raw.length; p++) {
            raw[p] = d.pixel(i, p);
        }
        return raw;
    }
}
