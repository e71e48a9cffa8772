package org.mlp4j.testing;

import java.util.ArrayList;
import java.util.List;

/** Fenced code blocks of a Markdown file, for the tests that run the docs' examples as written. */
public final class MarkdownBlocks {
    private MarkdownBlocks() {}

    /** The contents of every block whose fence line is exactly ```{@code info} (e.g. "bash runnable"). */
    public static List<String> fenced(List<String> lines, String info) {
        List<String> blocks = new ArrayList<>();
        StringBuilder block = null;
        for (String line : lines) {
            if (block == null && line.trim().equals("```" + info)) {
                block = new StringBuilder();
            } else if (block != null && line.trim().equals("```")) {
                blocks.add(block.toString());
                block = null;
            } else if (block != null) {
                block.append(line).append('\n');
            }
        }
        return blocks;
    }
}
