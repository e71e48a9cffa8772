package org.mlp4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/learn.md points at lines of code: every link [`symbol`](file#Lfrom-Lto) must name a file that
 * exists and lines from..to that contain the symbol, so the guide cannot drift from the code (issue 16).
 * Its runnable commands are run by {@link ReadmeCommandsTest}.
 */
class LearnDocTest {
    private static final Pattern LINK = Pattern.compile("\\[`([^`]+)`\\]\\(([^)#]+)#L(\\d+)-L(\\d+)\\)");

    @Test
    void everyCodeLinkPointsAtLinesThatHoldItsSymbol() throws Exception {
        Path docs = Path.of("..", "docs").toAbsolutePath().normalize();
        String text = Files.readString(docs.resolve("learn.md"));
        Matcher m = LINK.matcher(text);
        int links = 0;
        while (m.find()) {
            links++;
            String symbol = m.group(1);
            Path file = docs.resolve(m.group(2)).normalize();
            assertThat(file).as("the file of link [%s]", symbol).exists();
            List<String> lines = Files.readAllLines(file);
            int from = Integer.parseInt(m.group(3));
            int to = Integer.parseInt(m.group(4));
            assertThat(to).as("lines of [%s] in %s", symbol, file).isBetween(from, lines.size());
            String range = String.join("\n", lines.subList(from - 1, to));
            assertThat(range)
                    .as("lines %d-%d of %s, linked as [%s]", from, to, file.getFileName(), symbol)
                    .contains(symbol);
        }
        assertThat(links).as("code links in docs/learn.md").isGreaterThanOrEqualTo(10);
        assertThat(docs.resolve("landscape.png")).exists();
        assertThat(docs.resolve("landscape.svg")).exists();
        assertThat(docs.resolve("saturation.png")).exists();
    }
}
