package org.mlp4j.recipe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlp4j.InvalidInputException;
import org.mlp4j.model.Init;
import org.mlp4j.model.StandardActivation;
import org.mlp4j.train.Schedule;
import org.mlp4j.train.Validation;
import org.mlp4j.train.optim.OptimizerSettings;

/** Recipes from Java: named, from files, layered, planned; errors that name the key and its source. */
class RecipeTest {
    @TempDir
    Path dir;

    @Test
    void aNamedRecipeSetsItsKeysOverTheDefaults() {
        Recipe r = Recipe.named("FAST-98");
        assertThat(r.string("layers")).isEqualTo("784,384,10");
        assertThat(r.integer("epochs")).isEqualTo(3);
        assertThat(r.string("optimizer")).isEqualTo("nesterov");
        assertThat(r.fromNamedRecipe("lr")).isTrue();
        assertThat(r.isSet("lr")).isTrue();
        assertThat(r.isSet("dropout")).isFalse();
        assertThat(r.source("lr")).isEqualTo("'lr' (from recipe fast-98)");
        assertThat(Recipe.names())
                .containsExactly("default", "article", "fast-98", "fast-99", "best", "fashion", "tabular");
        for (String name : Recipe.names()) {
            assertThat(Recipe.description(name)).as(name).isNotBlank();
            // every named recipe plans for MNIST once fitted to it (tabular's layers: auto take its sizes)
            Recipe fitted = Recipe.named(name).fitTo(784, 10, 60_000, false, n -> {});
            assertThat(fitted.plan(60_000, name.equals("tabular") ? 0 : 28).sizes())
                    .as(name)
                    .startsWith(784)
                    .endsWith(10);
        }
    }

    @Test
    void anUnknownNameIsAnErrorListingTheNames() {
        assertThatThrownBy(() -> Recipe.named("fastest"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(
                        "recipe: expected a recipe name (default, article, fast-98, fast-99, best, fashion, tabular), found 'fastest'")
                .extracting(e -> ((InvalidInputException) e).field())
                .isEqualTo("recipe");
    }

    @Test
    void valuesLayerAndEachSaysWhereItCameFrom() {
        Recipe r = Recipe.named("fast-98").with("epochs", 3).mergeOptions(Map.of("lr", "0.2"), "--");
        assertThat(r.integer("epochs")).isEqualTo(3);
        assertThat(r.number("lr")).isEqualTo(0.2);
        assertThat(r.source("epochs")).isEqualTo("'epochs' (from the code)");
        assertThat(r.source("lr")).isEqualTo("--lr");
        assertThat(r.fromNamedRecipe("epochs")).isFalse();
        assertThat(r.string("optimizer")).isEqualTo("nesterov");
    }

    @Test
    void aMistakeNamesTheKeyAsItsFieldAndItsSourceInTheMessage() {
        InvalidInputException e = (InvalidInputException) org.assertj.core.api.Assertions.catchThrowable(
                () -> Recipe.defaults().mergeOptions(Map.of("lr", "fast"), "--").number("lr"));
        assertThat(e.field()).isEqualTo("lr");
        assertThat(e).hasMessage("--lr: expected a number, found 'fast'");
        assertThatThrownBy(() -> Recipe.defaults().with("learning-rate", 0.1))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("unknown key 'learning-rate'")
                .hasMessageContaining("known keys: dataset, layers");
        assertThatThrownBy(() -> Recipe.defaults().with("dropuot", 0.1))
                .hasMessageContaining("(did you mean 'dropout'?)");
        assertThatThrownBy(() -> Recipe.defaults().with("epochs", 2.5).integer("epochs"))
                .hasMessage("'epochs' (from the code): expected a whole number, found '2.5'");
        assertThatThrownBy(() -> Recipe.defaults().with("augment-flip", "yes").bool("augment-flip"))
                .hasMessage("'augment-flip' (from the code): expected true or false, found 'yes'");
    }

    @Test
    void planningChecksEveryValueAndNamesTheKeyWhereItCameFrom() {
        InvalidInputException e = (InvalidInputException) org.assertj.core.api.Assertions.catchThrowable(
                () -> Recipe.named("default").with("dropout", -0.5).plan(60_000, 28));
        assertThat(e.field()).isEqualTo("dropout");
        assertThat(e).hasMessage("'dropout' (from the code): expected a probability in [0, 1), found -0.5");
        assertThatThrownBy(() -> Recipe.defaults()
                        .mergeOptions(Map.of("momentum", 1.5), "--")
                        .plan(60_000, 28))
                .hasMessage("--momentum: expected a number in [0, 1), found 1.5");
        assertThatThrownBy(() -> Recipe.defaults()
                        .with("batch-size", 200)
                        .with("validation-split", 0)
                        .plan(100, 28))
                .hasMessage("'batch-size' (from the code): expected at most the 100 training examples, found 200");
        assertThatThrownBy(() -> Recipe.defaults().with("augment-shift", 2).plan(60_000, 0))
                .hasMessageContaining("augmentation needs image data");
        assertThatThrownBy(() -> Recipe.defaults().with("gradient-path", "fast").plan(60_000, 28))
                .hasMessage("'gradient-path' (from the code): expected batched or reference, found 'fast'");
    }

    @Test
    void aPlanHoldsWhatTheRecipeSays() {
        TrainingPlan p = Recipe.named("default")
                .with("optimizer", "adamw")
                .with("validation-split", 0.1)
                .with("schedule", "cosine")
                .with("warmup", 1)
                .plan(60_000, 28);
        assertThat(p.hidden()).isEqualTo(StandardActivation.RELU);
        assertThat(p.init()).isEqualTo(Init.HE);
        assertThat(p.settings().optimizer().kind()).isEqualTo(OptimizerSettings.Kind.ADAMW);
        assertThat(p.settings().optimizer().weightDecay())
                .as("adamw's own default")
                .isEqualTo(0.01);
        assertThat(p.settings().schedule().kind()).isEqualTo(Schedule.Kind.COSINE);
        assertThat(p.settings().schedule().warmupEpochs()).isEqualTo(1.0);
        assertThat(p.settings().validation()).isEqualTo(Validation.heldOut(6000));
        assertThat(p.recipe().string("optimizer")).isEqualTo("adamw");
        assertThat(Recipe.named("article").plan(60_000, 28).settings().isArticle())
                .isTrue();
        assertThat(TrainingPlan.validation(Recipe.named("article"), 60_000)).isEqualTo(Validation.ARTICLE);
    }

    @Test
    void recordedJsonGivesTheSameRecipeBack() {
        Recipe r = Recipe.named("best").with("seed", 7L);
        Recipe again = Recipe.fromJson(r.toJson(), "model.safetensors");
        assertThat(again.toJson()).isEqualTo(r.toJson());
        assertThat(again.longValue("seed")).isEqualTo(7L);
    }

    @Test
    void jsonAndYamlFilesReadAlike() throws Exception {
        Path json = Files.writeString(dir.resolve("r.json"), "\uFEFF{\"layers\": [784, 64, 10], \"lr\": 0.05}");
        Path yaml = Files.writeString(dir.resolve("r.yaml"), "layers: [784, 64, 10]\nlr: 0.05\n");
        for (Path p : new Path[] {json, yaml}) {
            Recipe r = Recipe.load(p);
            assertThat(r.string("layers")).as(p.toString()).isEqualTo("784,64,10");
            assertThat(r.number("lr")).isEqualTo(0.05);
            assertThat(r.source("lr")).isEqualTo("'lr' (from " + p + ")");
        }
        assertThat(Recipe.nameOrFile(json.toString()).number("lr")).isEqualTo(0.05);
        assertThat(Recipe.nameOrFile("Article").string("cost")).isEqualTo("quadratic");
    }

    @Test
    void malformedFilesAreNamedWithWhatWasWrongAndWhere() throws Exception {
        Path dup = Files.writeString(dir.resolve("dup.yaml"), "lr: 0.1\nlr: 0.2\n");
        assertThatThrownBy(() -> Recipe.load(dup))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("recipe " + dup + " line 2, column 1: not valid YAML");
        Path deep = Files.writeString(dir.resolve("deep.yaml"), "a: " + "[".repeat(40) + "]".repeat(40));
        assertThatThrownBy(() -> Recipe.load(deep)).hasMessageContaining("YAML nested deeper than 16 levels");
        Path nested = Files.writeString(dir.resolve("n.json"), "{\"layers\": [[1]]}");
        assertThatThrownBy(() -> Recipe.load(nested)).hasMessageContaining("key 'layers': expected a value or a list");
        Path list = Files.writeString(dir.resolve("l.json"), "[1, 2]");
        assertThatThrownBy(() -> Recipe.load(list))
                .hasMessage(
                        "recipe " + list + ": expected an object of recipe keys (key: value lines), found an array");
        Path binary = Files.write(dir.resolve("b.json"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
        assertThatThrownBy(() -> Recipe.load(binary)).hasMessageContaining("found binary data");
        Path big = Files.write(
                dir.resolve("big.json"), " ".repeat(Recipe.MAX_BYTES + 1).getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> Recipe.load(big)).hasMessageContaining("expected a recipe of at most 1048576 bytes");
        assertThatThrownBy(() -> Recipe.load(dir.resolve("none.json"))).hasMessageContaining("found no such file");
        assertThatThrownBy(() -> Recipe.nameOrFile("nonsense")).hasMessageContaining("(no such file)");
        Path noValue = Files.writeString(dir.resolve("nv.json"), "{\"lr\": null}");
        assertThatThrownBy(() -> Recipe.load(noValue)).hasMessageContaining("key 'lr' has no value");
    }

    @Test
    void theKeysAreFixedAndDescribed() {
        assertThat(Recipe.keys()).containsKeys("layers", "lr", "optimizer", "dropout", "seed");
        assertThat(Recipe.keys().get("lr").defaultValue()).isEqualTo(0.1);
        assertThat(Recipe.keys().values())
                .allSatisfy(k -> assertThat(k.description()).isNotBlank());
        assertThatThrownBy(() -> Recipe.keys().put("x", null)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> Recipe.defaults().string("nope")).isInstanceOf(IllegalArgumentException.class);
    }
}
