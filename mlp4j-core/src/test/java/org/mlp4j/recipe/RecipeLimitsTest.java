package org.mlp4j.recipe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.mlp4j.InvalidInputException;

/** Issue 24, items 4 and 8: YAML aliases of strings and recipes read from devices are bounded. */
class RecipeLimitsTest {
    @Test
    void aliasesOfALongStringCannotExpandPastTheLimit() {
        // 40 aliases of a 100,000-character anchored string: 4 MB once expanded, from a 100 KB file
        String yaml = "description: &s " + "x".repeat(100_000) + "\nlayers: [" + "*s, ".repeat(39) + "*s]\n";
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> Recipe.fromText(yaml, true, "alias.yaml"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("alias.yaml line 2, column ")
                .hasMessageContaining("expected a recipe of at most 1048576 characters with its YAML aliases"
                        + " expanded, found more");
        assertThat((System.nanoTime() - t0) / 1e9).isLessThan(5);
    }

    @Test
    void aliasesOfCollectionsCountTheirWholeSize() {
        String row = "[" + "1234567890, ".repeat(999) + "1234567890]";
        StringBuilder yaml = new StringBuilder("a: &a " + row + "\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n");
        yaml.append("c: [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n");
        assertThatThrownBy(() -> Recipe.fromText(yaml.toString(), true, "nested.yaml"))
                .hasMessageContaining("with its YAML aliases expanded, found more");
    }

    @Test
    void scalarAliasesCountTowardsTheCap() {
        String yaml = "description: &d x\nlayers: [" + "*d, ".repeat(YamlRecipe.MAX_ALIASES) + "*d]\n";
        assertThatThrownBy(() -> Recipe.fromText(yaml, true, "many.yaml"))
                .hasMessageContaining("many.yaml line 2, column ")
                .hasMessageContaining("expected at most 50 YAML aliases, found more");
        String fine = "seed: &s 3\nepochs: *s\n";
        assertThat(Recipe.fromText(fine, true, "ok.yaml").text("epochs")).isEqualTo("3");
    }

    @Test
    void aRecipeFromADeviceIsReadNoFurtherThanTheLimit() {
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> Recipe.load(Path.of("/dev/zero")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("recipe /dev/zero: expected a recipe of at most 1048576 bytes, found more");
        assertThat((System.nanoTime() - t0) / 1e9).isLessThan(5);
        assertThatThrownBy(() -> Recipe.load(Path.of("/tmp")))
                .hasMessage("recipe /tmp: expected a recipe file, found a folder");
    }

    /** Issue 22: layers given as a list from code, as a recipe file writes them. */
    @Test
    void layersFromCodeAsAList() {
        Recipe r = Recipe.named("fast-98").with("layers", java.util.List.of(4, 32, 3));
        assertThat(r.text("layers")).isEqualTo("4,32,3");
        assertThat(Recipe.named("fast-98").with("layers", new int[] {5, 7, 2}).text("layers"))
                .isEqualTo("5,7,2");
        assertThat(r.plan(1000, 0).network(new org.mlp4j.math.Rng(1)).outputSize())
                .isEqualTo(3);
    }
}
