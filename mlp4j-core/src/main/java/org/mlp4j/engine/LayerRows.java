package org.mlp4j.engine;

/**
 * A task over the rows [r0, r1) of layer l, and the splitter that hands a parallel loop's range of an index
 * space made of consecutive per-layer blocks to it, one call per layer.
 */
@FunctionalInterface
interface LayerRows {
    /**
     * Runs on rows [r0, r1) of layer l.
     *
     * @param l the layer
     * @param r0 its first row
     * @param r1 the end of its rows (exclusive)
     */
    void run(int l, int r0, int r1);

    /**
     * Splits [from, to) of an index space made of consecutive per-layer blocks ({@code start[l]} to
     * {@code start[l + 1]}) into one call of {@code body} per layer it touches, with that layer's rows.
     */
    static void forEachLayer(int[] start, int from, int to, LayerRows body) {
        int l = 0;
        for (int g = from; g < to; ) {
            while (g >= start[l + 1]) {
                l++;
            }
            int end = Math.min(to, start[l + 1]);
            body.run(l, g - start[l], end - start[l]);
            g = end;
        }
    }
}
