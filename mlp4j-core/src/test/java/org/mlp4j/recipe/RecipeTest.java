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
import org.mlp4j.sgd.Schedule;
import org.mlp4j.sgd.Validation;
import org.mlp4j.sgd.optim.OptimizerSettings;

/** Recipes from Java: named, from files, layered, planned; errors that name the key and its source. */
class RecipeTest {
    @TempDir
    Path dir;

    @Test
    void aNamedRecipeSetsItsKeysOverTheDefaults() {
        Recipe r = Recipe.named("FAST-98");
        assertThat(r.text("layers")).isEqualTo("784,384,10");
        assertThat(r.get(Hyperparameter.EPOCHS)).isEqualTo(3);
        assertThat(r.text("optimizer")).isEqualTo("nesterov");
        assertThat(r.fromNamedRecipe("lr")).isTrue();
        assertThat(r.isSet("lr")).isTrue();
        assertThat(r.isSet("clip-norm")).isFalse();
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
        assertThat(r.get(Hyperparameter.EPOCHS)).isEqualTo(3);
        assertThat(r.get(Hyperparameter.LR)).isEqualTo(0.2);
        assertThat(r.source("epochs")).isEqualTo("'epochs' (from the code)");
        assertThat(r.source("lr")).isEqualTo("--lr");
        assertThat(r.fromNamedRecipe("epochs")).isFalse();
        assertThat(r.text("optimizer")).isEqualTo("nesterov");
    }

    @Test
    void aMistakeNamesTheKeyAsItsFieldAndItsSourceInTheMessage() {
        InvalidInputException e = (InvalidInputException) org.assertj.core.api.Assertions.catchThrowable(
                () -> Recipe.defaults().mergeOptions(Map.of("lr", "fast"), "--").get(Hyperparameter.LR));
        assertThat(e.field()).isEqualTo("lr");
        assertThat(e).hasMessage("--lr: expected a number in (0, ∞), found 'fast'");
        assertThatThrownBy(() -> Recipe.defaults().with("learning-rate", 0.1))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("unknown key 'learning-rate'")
                .hasMessageContaining("known keys: dataset, layers");
        assertThatThrownBy(() -> Recipe.defaults().with("dropuot", 0.1))
                .hasMessageContaining("(did you mean 'dropout'?)");
        assertThatThrownBy(() -> Recipe.defaults().with("epochs", 2.5).get(Hyperparameter.EPOCHS))
                .hasMessage("'epochs' (from the code): expected a whole number ≥ 1, found '2.5'");
        assertThatThrownBy(() -> Recipe.defaults().with("augment-flip", "yes").get(Hyperparameter.AUGMENT_FLIP))
                .hasMessage("'augment-flip' (from the code): expected true or false, found 'yes'");
    }

    @Test
    void planningChecksEveryValueAndNamesTheKeyWhereItCameFrom() {
        InvalidInputException e = (InvalidInputException) org.assertj.core.api.Assertions.catchThrowable(
                () -> Recipe.named("default").with("dropout", -0.5).plan(60_000, 28));
        assertThat(e.field()).isEqualTo("dropout");
        assertThat(e).hasMessage("'dropout' (from the code): expected a number in [0, 1), found '-0.5'");
        assertThatThrownBy(() -> Recipe.defaults()
                        .mergeOptions(Map.of("momentum", 1.5), "--")
                        .plan(60_000, 28))
                .hasMessage("--momentum: expected a number in [0, 1), found '1.5'");
        assertThatThrownBy(() -> Recipe.defaults()
                        .with("batch-size", 200)
                        .with("validation-split", 0)
                        .plan(100, 28))
                .hasMessage("'batch-size' (from the code): expected at most the 100 training examples, found 200");
        assertThatThrownBy(() -> Recipe.defaults().with("augment-shift", 2).plan(60_000, 0))
                .hasMessageContaining("augmentation needs image data");
        assertThatThrownBy(() -> Recipe.defaults().with("gradient-path", "fast").plan(60_000, 28))
                .hasMessage("'gradient-path' (from the code): expected one of batched, reference, found 'fast'");
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
        assertThat(p.recipe().text("optimizer")).isEqualTo("adamw");
        assertThat(Recipe.named("article").plan(60_000, 28).settings().isArticle())
                .isTrue();
        assertThat(Planner.validation(Recipe.named("article"), 60_000)).isEqualTo(Validation.ARTICLE);
    }

    @Test
    void recordedJsonGivesTheSameRecipeBack() {
        Recipe r = Recipe.named("best").with("seed", 7L);
        Recipe again = Recipe.fromJson(r.toJson(), "model.safetensors");
        assertThat(again.toJson()).isEqualTo(r.toJson());
        assertThat(again.get(Hyperparameter.SEED)).isEqualTo(7L);
    }

    @Test
    void jsonAndYamlFilesReadAlike() throws Exception {
        Path json = Files.writeString(dir.resolve("r.json"), "\uFEFF{\"layers\": [784, 64, 10], \"lr\": 0.05}");
        Path yaml = Files.writeString(dir.resolve("r.yaml"), "layers: [784, 64, 10]\nlr: 0.05\n");
        for (Path p : new Path[] {json, yaml}) {
            Recipe r = Recipe.load(p);
            assertThat(r.text("layers")).as(p.toString()).isEqualTo("784,64,10");
            assertThat(r.get(Hyperparameter.LR)).isEqualTo(0.05);
            assertThat(r.source("lr")).isEqualTo("'lr' (from " + p + ")");
        }
        assertThat(Recipe.nameOrFile(json.toString()).get(Hyperparameter.LR)).isEqualTo(0.05);
        assertThat(Recipe.nameOrFile("Article").text("cost")).isEqualTo("quadratic");
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
    void theKeysAreFixedDescribedAndTyped() {
        assertThat(Hyperparameter.names()).contains("layers", "lr", "optimizer", "dropout", "seed");
        assertThat(Hyperparameter.byName("lr")).isSameAs(Hyperparameter.LR);
        assertThat(Hyperparameter.byName("learning-rate")).isNull();
        assertThat(Hyperparameter.all()).allSatisfy(h -> {
            assertThat(h.description()).as(h.name()).isNotBlank();
            assertThat(h.type().isInstance(h.defaultValue())).as(h.name()).isTrue();
            // what a recipe file writes reads back as the same value
            assertThat(readText(h)).as(h.name()).isEqualTo(h.defaultValue());
            assertThat(Recipe.defaults().get(h)).as(h.name()).isEqualTo(h.defaultValue());
        });
        assertThatThrownBy(() -> Hyperparameter.all().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> Recipe.defaults().text("nope")).isInstanceOf(IllegalArgumentException.class);
    }

    private static <T> T readText(Hyperparameter<T> h) {
        return h.read(h.defaultText(), "test");
    }

    @Test
    void theBuiltInValuesAreTheDefaultRecipe() {
        // one set of defaults: what the library, a recipe file and Spark start from is what mlp4j train runs
        assertThat(Recipe.defaults().toJson()).isEqualTo(Recipe.named("default").toJson());
        assertThat(Recipe.named("default").toJson())
                .contains("\"layers\": \"784,1024,10\"", "\"optimizer\": \"nesterov\"");
    }

    @Test
    void aValueReadsToOneTypeWhateverWroteIt() {
        // a flag's text, a JSON number, a Spark param's Integer or int[], a YAML list: the same typed value
        assertThat(Recipe.defaults().mergeOptions(Map.of("lr", "0.05"), "--").get(Hyperparameter.LR))
                .isEqualTo(0.05);
        assertThat(Recipe.defaults().with("lr", 0.05).get(Hyperparameter.LR)).isEqualTo(0.05);
        assertThat(Recipe.defaults().with("epochs", "7").get(Hyperparameter.EPOCHS))
                .isEqualTo(7);
        assertThat(Recipe.defaults().with("epochs", 7L).get(Hyperparameter.EPOCHS))
                .isEqualTo(7);
        assertThat(Recipe.defaults().with("epochs", 7.0).get(Hyperparameter.EPOCHS))
                .isEqualTo(7);
        assertThat(Recipe.defaults().with("layers", new int[] {4, 8, 3}).get(Hyperparameter.LAYERS))
                .isEqualTo(LayerSizes.of(4, 8, 3));
        assertThat(Recipe.defaults()
                        .with("layers", java.util.List.of(4L, 8L, 3L))
                        .text("layers"))
                .isEqualTo("4,8,3");
        assertThat(Recipe.defaults().with("augment-flip", "TRUE").get(Hyperparameter.AUGMENT_FLIP))
                .isTrue();
        assertThat(Recipe.defaults().with(Hyperparameter.OPTIMIZER, "adam").text("optimizer"))
                .isEqualTo("adam");
        assertThat(Recipe.defaults().with("validation-split", "0.25").get(Hyperparameter.VALIDATION_SPLIT))
                .isEqualTo(ValidationSplit.fraction(0.25));
        assertThat(Recipe.defaults().with("validation-split", "Article").get(Hyperparameter.VALIDATION_SPLIT))
                .isEqualTo(ValidationSplit.ARTICLE);
        assertThat(Recipe.defaults().with("dataset", "CSV").get(Hyperparameter.DATASET))
                .isEqualTo("csv");
        // Java's number parser takes more than JSON: hexadecimal, a type suffix, NaN
        for (String odd : new String[] {"0x10", "1d", "NaN", "Infinity", "1e400", " "}) {
            assertThatThrownBy(() -> Recipe.defaults().mergeOptions(Map.of("lr", odd), "--"))
                    .as(odd)
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith("--lr: expected a number in (0, ∞)");
        }
        assertThatThrownBy(() -> Recipe.defaults().with("seed", "99999999999999999999"))
                .hasMessage("'seed' (from the code): expected a whole number, found '99999999999999999999'");
        assertThatThrownBy(() -> Recipe.defaults().with("layers", java.util.List.of(4, 0, 3)))
                .hasMessageContaining("expected sizes from 1 to");
    }

    @Test
    void everyValueInsideADeclaredRangePlans() {
        // the table's ranges are no stricter than the objects they build: each end that is allowed plans
        for (Hyperparameter<?> h : Hyperparameter.all()) {
            if (h.type() != Double.class || h.name().startsWith("augment-")) {
                continue;
            }
            if (!h.allowed().contains("(0,")) {
                assertThat(Recipe.named("default").with(h.name(), 0.0).plan(60_000, 28))
                        .as(h.name())
                        .isNotNull();
            }
        }
        assertThat(Recipe.named("default")
                        .with("augment-rotate", 180)
                        .with("augment-scale", 0.9)
                        .plan(60_000, 28))
                .isNotNull();
    }
}
