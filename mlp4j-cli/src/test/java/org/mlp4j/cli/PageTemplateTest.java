package org.mlp4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The report's page template: text escaped, fragments as built, and no placeholder or value left over. */
class PageTemplateTest {
    private static PageTemplate filled() {
        PageTemplate t = PageTemplate.of("report/report.html");
        for (String name :
                new String[] {"run", "accuracy", "total", "dataset", "layers", "epochs", "validation", "things"}) {
            t.text(name, name.equals("run") ? "<script>alert('x')</script>&\"" : name);
        }
        for (String name : new String[] {"charts", "matrix", "metrics", "gallery", "settings"}) {
            t.html(name, "<tr><td>" + name + "</td></tr>");
        }
        return t;
    }

    @Test
    void textIsEscapedAndFragmentsAreKept() {
        String page = filled().render();
        assertThat(page)
                .contains("<title>mlp4j run &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;</title>")
                .doesNotContain("<script>")
                .contains("<tr><td>matrix</td></tr>")
                .doesNotContain("{{")
                .startsWith("<!DOCTYPE html>");
    }

    @Test
    void aPlaceholderWithoutAValueOrAValueWithoutAPlaceholderFails() {
        assertThatThrownBy(() ->
                        PageTemplate.of("report/report.html").text("run", "r").render())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no value for {{accuracy}}");
        assertThatThrownBy(() -> filled().text("extra", "x").render())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("values without a placeholder");
        // a fragment given as text (or text as a fragment) is a mistake too
        assertThatThrownBy(() -> filled().text("charts", "x").render()).isInstanceOf(IllegalStateException.class);
    }
}
