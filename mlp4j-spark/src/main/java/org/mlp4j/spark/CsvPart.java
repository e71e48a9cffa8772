package org.mlp4j.spark;

import java.io.Serializable;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;

/**
 * One split's lines, the header left out, and which of its rows (lines that are not empty) are held out.
 *
 * @param file    the file's path ({@link ExecutorCsv#key}), to order parts
 * @param from    the byte offset of the part's first line
 * @param where   names the part in messages ("file:/x.csv, the part from byte 1048576")
 * @param lines   the lines, empty ones included (they count in messages' line numbers)
 * @param held    for each line that is not empty, in order: whether it is a test row
 * @param problem why the part cannot be read (not UTF-8), or null
 */
record CsvPart(String file, long from, String where, List<String> lines, boolean[] held, String problem)
        implements Serializable {
    /**
     * Reads a split's lines.
     *
     * @param file     the split's file
     * @param it       its lines, by byte offset
     * @param headerAt each file's header offset ({@link ExecutorCsv#key}); no entry when the files have none
     * @param seed     holds rows out for testing, or null for none
     * @return the part
     */
    static CsvPart of(Path file, Iterator<scala.Tuple2<LongWritable, Text>> it, Map<String, Long> headerAt, Long seed) {
        String key = ExecutorCsv.key(file);
        Long header = headerAt.get(key);
        List<String> lines = new ArrayList<>();
        List<Boolean> held = new ArrayList<>();
        long from = -1;
        while (it.hasNext()) {
            scala.Tuple2<LongWritable, Text> t = it.next();
            long offset = t._1().get();
            if (header != null && offset <= header) {
                continue; // the header, or empty lines before it
            }
            if (from < 0) {
                from = offset;
            }
            Text text = t._2();
            String line;
            try {
                line = Text.decode(text.getBytes(), 0, text.getLength(), false);
            } catch (CharacterCodingException e) {
                return new CsvPart(
                        key,
                        from,
                        file.toString(),
                        List.of(),
                        new boolean[0],
                        file + ": byte " + offset + ": expected a CSV text file (UTF-8), found other bytes");
            }
            if (offset == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            lines.add(line);
            if (!line.isEmpty()) {
                held.add(seed != null && ExecutorCsv.heldOut(seed, file.getName(), offset));
            }
        }
        boolean[] h = new boolean[held.size()];
        for (int i = 0; i < h.length; i++) {
            h[i] = held.get(i);
        }
        long start = Math.max(0, from);
        return new CsvPart(key, start, file + ", the part from byte " + start, lines, h, null);
    }

    int rows() {
        return held.length;
    }
}
