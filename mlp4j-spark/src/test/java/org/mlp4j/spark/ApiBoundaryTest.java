package org.mlp4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * mlp4j-spark uses mlp4j-core only through what the core's module exports: the JDK's jdeps reads the
 * compiled classes, and a reach into {@code org.mlp4j.engine} or {@code org.mlp4j.internal} (which works
 * on the class path Spark runs on, and breaks on a module path) fails here.
 */
class ApiBoundaryTest {
    @Test
    void noClassReachesTheCoresInternals() {
        StringWriter out = new StringWriter();
        int rc = ToolProvider.findFirst("jdeps")
                .orElseThrow()
                .run(
                        new PrintWriter(out),
                        new PrintWriter(new StringWriter()),
                        "-verbose:class",
                        "-filter:none",
                        "target/classes");
        assertThat(rc).isZero();
        List<String> reaches = new ArrayList<>();
        int toCore = 0;
        for (String line : out.toString().split("\n")) {
            String[] t = line.trim().split("\\s+");
            if (t.length < 3
                    || !t[1].equals("->")
                    || !t[2].startsWith("org.mlp4j.")
                    || t[2].startsWith("org.mlp4j.spark")) {
                continue;
            }
            toCore++;
            if (t[2].startsWith("org.mlp4j.engine.") || t[2].startsWith("org.mlp4j.internal.")) {
                reaches.add(t[0] + " -> " + t[2]);
            }
        }
        assertThat(toCore).as("jdeps saw the uses of the core").isGreaterThan(20);
        assertThat(reaches).isEmpty();
    }
}
