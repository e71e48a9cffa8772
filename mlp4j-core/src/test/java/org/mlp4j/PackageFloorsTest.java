package org.mlp4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * The packages are floors, and every import points down: the JDK's own dependency analyser (jdeps) reads
 * the compiled classes, and any class that uses a class on its own floor's package from a higher floor, or
 * any package cycle, fails here. The root package holds the API façades (top) and {@link
 * InvalidInputException}, which every floor may throw.
 */
class PackageFloorsTest {
    /** Bottom to top; packages on one floor do not use each other. */
    static final List<List<String>> FLOORS = List.of(
            List.of("org.mlp4j.internal"),
            List.of("org.mlp4j.math", "org.mlp4j.kernels"),
            List.of("org.mlp4j.data", "org.mlp4j.model"),
            List.of("org.mlp4j.engine"),
            List.of("org.mlp4j.sgd.optim", "org.mlp4j.train", "org.mlp4j.eval"),
            List.of("org.mlp4j.sgd"),
            List.of("org.mlp4j.io"),
            List.of("org.mlp4j.recipe"),
            List.of("org.mlp4j"));

    @Test
    void everyDependencyPointsToALowerFloor() {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
        StringWriter out = new StringWriter();
        int rc = jdeps.run(
                new PrintWriter(out),
                new PrintWriter(new StringWriter()),
                "-verbose:class",
                "-filter:none",
                "target/classes");
        assertThat(rc).isZero();
        List<String> wrong = new ArrayList<>();
        int edges = 0;
        for (String line : out.toString().split("\n")) {
            String[] t = line.trim().split("\\s+");
            if (!line.startsWith(" ") || t.length < 3 || !t[1].equals("->") || !t[2].startsWith("org.mlp4j.")) {
                continue;
            }
            String from = pkg(t[0]);
            String to = pkg(t[2]);
            if (from.equals(to)) {
                continue;
            }
            edges++;
            if (to.equals("org.mlp4j")) {
                if (!t[2].equals(InvalidInputException.class.getName())) {
                    wrong.add(t[0] + " -> " + t[2] + " (the façades are the top floor)");
                }
                continue;
            }
            if (floor(to) >= floor(from)) {
                wrong.add(t[0] + " -> " + t[2]);
            }
        }
        assertThat(edges).as("jdeps found the dependencies").isGreaterThan(100);
        assertThat(wrong).isEmpty();
    }

    private static String pkg(String className) {
        return className.substring(0, className.lastIndexOf('.'));
    }

    private static int floor(String pkg) {
        for (int f = 0; f < FLOORS.size(); f++) {
            if (FLOORS.get(f).contains(pkg)) {
                return f;
            }
        }
        throw new AssertionError("package " + pkg + " is on no floor: add it to PackageFloorsTest.FLOORS");
    }
}
