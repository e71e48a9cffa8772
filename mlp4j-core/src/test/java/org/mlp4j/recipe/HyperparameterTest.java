package org.mlp4j.recipe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.mlp4j.InvalidInputException;
import org.mlp4j.model.Init;

/** The table of hyper-parameters: ranges at their ends, choices, misspellings, and the value types. */
class HyperparameterTest {

    @Test
    void rangesAreCheckedAtBothEnds() {
        assertThatThrownBy(() -> Hyperparameter.LR.read(0.0, "--lr")).isInstanceOf(InvalidInputException.class);
        assertThat(Hyperparameter.LR.read(Double.MIN_VALUE, "--lr")).isEqualTo(Double.MIN_VALUE);
        assertThat(Hyperparameter.DROPOUT.read(0.0, "--dropout")).isZero();
        assertThat(Hyperparameter.DROPOUT.read(0.999, "--dropout")).isEqualTo(0.999);
        assertThatThrownBy(() -> Hyperparameter.DROPOUT.read(1.0, "--dropout"))
                .hasMessage("--dropout: expected a number in [0, 1), found '1.0'");
        assertThatThrownBy(() -> Hyperparameter.DROPOUT.read(-1e-9, "--dropout"))
                .isInstanceOf(InvalidInputException.class);
        assertThat(Hyperparameter.AUGMENT_ROTATE.read(180, "x")).isEqualTo(180.0);
        assertThatThrownBy(() -> Hyperparameter.AUGMENT_ROTATE.read(180.001, "x"))
                .hasMessage("x: expected a number in [0, 180], found '180.001'");
        assertThat(Hyperparameter.AUGMENT_SCALE.allowed()).isEqualTo("a number in [0, 0.9]");
        assertThat(Hyperparameter.EPSILON.allowed()).isEqualTo("a number in (0, ∞)");
        assertThat(Hyperparameter.PATIENCE.read("0", "x")).isZero();
        assertThatThrownBy(() -> Hyperparameter.EPOCHS.read("0", "x"))
                .hasMessage("x: expected a whole number ≥ 1, found '0'");
        assertThat(Hyperparameter.EPOCHS.read(Integer.MAX_VALUE, "x")).isEqualTo(Integer.MAX_VALUE);
        assertThatThrownBy(() -> Hyperparameter.EPOCHS.read(2147483648L, "x"))
                .isInstanceOf(InvalidInputException.class);
        assertThat(Hyperparameter.SEED.read("-9223372036854775808", "x")).isEqualTo(Long.MIN_VALUE);
        assertThat(Hyperparameter.SEED.read(7, "x")).isEqualTo(7L); // an IntParam's Integer
        assertThat(Hyperparameter.SEED.read(7L, "x")).isEqualTo(7L);
        assertThatThrownBy(() -> Hyperparameter.SEED.read(7.5, "x"))
                .hasMessage("x: expected a whole number, found '7.5'");
        assertThat(Hyperparameter.AUGMENT_FLIP.read(" False ", "x")).isFalse();
        assertThat(Hyperparameter.AUGMENT_FLIP.read(true, "x")).isTrue();
        assertThat(Hyperparameter.AUGMENT_FLIP.read(false, "x")).isFalse();
        assertThatThrownBy(() -> Hyperparameter.AUGMENT_FLIP.read(1, "x"))
                .hasMessage("x: expected true or false, found '1'");
    }

    @Test
    void aRecipeFileRecordsNumbersAndBooleansAsJsonNumbersAndBooleans() {
        assertThat(Hyperparameter.SEED.json(7L)).isEqualTo(7L);
        assertThat(Hyperparameter.EPOCHS.json(3)).isEqualTo(3L);
        assertThat(Hyperparameter.LR.json(0.1)).isEqualTo(0.1);
        assertThat(Hyperparameter.AUGMENT_FLIP.json(true)).isEqualTo(true);
        assertThat(Hyperparameter.OPTIMIZER.json("adam")).isEqualTo("adam");
        assertThat(Recipe.named("default").with("seed", 7).toJson())
                .containsPattern("\"seed\": ?7\\b")
                .doesNotContain("\"7\"");
    }

    @Test
    void choicesReadByTheirTypesOwnNames() {
        assertThat(Hyperparameter.INIT.read("Glorot", "x")).isEqualTo(Init.GLOROT);
        assertThat(Hyperparameter.OPTIMIZER.read("ADAMW", "x")).isEqualTo("adamw");
        assertThat(Hyperparameter.SCHEDULE.read("one_cycle", "x")).isEqualTo("one-cycle");
        assertThat(Hyperparameter.GRADIENT_PATH.read("Reference", "x")).isEqualTo("reference");
        assertThat(Hyperparameter.GRADIENT_PATH.text("reference")).isEqualTo("reference");
        assertThatThrownBy(() -> Hyperparameter.INIT.read("xavier", "--init"))
                .hasMessage("--init: expected one of article, he, glorot, found 'xavier'");
        assertThatThrownBy(() -> Hyperparameter.SCHEDULE.read("linear", "--schedule"))
                .hasMessageStartingWith("--schedule: expected one of constant, ");
        assertThatThrownBy(() -> Hyperparameter.OPTIMIZER.read("adamm", "--optimizer"))
                .hasMessageStartingWith("--optimizer: expected one of sgd, ");
        assertThatThrownBy(() -> Hyperparameter.ACTIVATION.read("swish", "--activation"))
                .hasMessageStartingWith("--activation: expected one of ");
        assertThatThrownBy(() -> Hyperparameter.HEADER.read("maybe", "--header"))
                .hasMessage("--header: expected one of auto, yes, no, found 'maybe'");
        assertThatThrownBy(() -> Hyperparameter.DATASET.read(5, "--dataset"))
                .hasMessage("--dataset: expected one of mnist, fashion-mnist, csv, found '5'");
        assertThatThrownBy(() -> Hyperparameter.DATASET.read(java.util.List.of(1), "x"))
                .hasMessage("x: expected text, found '[1]'");
    }

    @Test
    void whereEachAppliesAndWhatItIsCalled() {
        assertThat(Hyperparameter.LR.scope()).isEqualTo(Hyperparameter.Scope.TRAINING);
        assertThat(Hyperparameter.LABEL.scope()).isEqualTo(Hyperparameter.Scope.FILES);
        assertThat(Hyperparameter.DATASET.scope()).isEqualTo(Hyperparameter.Scope.FILES);
        assertThat(Hyperparameter.LR).hasToString("lr");
        assertThat(Hyperparameter.BATCH_SIZE.name()).isEqualTo("batch-size");
        assertThat(Hyperparameter.LAYERS.type()).isEqualTo(LayerSizes.class);
        assertThat(Hyperparameter.TEST_DATA.defaultText()).isEmpty();
    }

    @Test
    void aMisspeltKeyFindsTheClosestName() {
        assertThat(Hyperparameter.closest("dropuot")).isSameAs(Hyperparameter.DROPOUT);
        assertThat(Hyperparameter.closest("epoch")).isSameAs(Hyperparameter.EPOCHS);
        assertThat(Hyperparameter.closest("LR")).isSameAs(Hyperparameter.LR);
        assertThat(Hyperparameter.closest("batchsize")).isSameAs(Hyperparameter.BATCH_SIZE);
        // equally close to beta1 and beta2: the first in the table
        assertThat(Hyperparameter.closest("beta")).isSameAs(Hyperparameter.BETA1);
        // nothing is close to a long unrelated key (within a third of its length)
        assertThat(Hyperparameter.closest("completely-unrelated-setting")).isNull();
        assertThat(Hyperparameter.closest("abcdefghijkl")).isNull();
        // an edit distance over the whole names, not a match inside one ("norm" is 5 edits from "max-norm")
        assertThat(Hyperparameter.closest("norm")).isNull();
        // every letter counts, the last included
        assertThat(Hyperparameter.closest("beta2")).isSameAs(Hyperparameter.BETA2);
        // two edits from "lr" and "l2", farther from the rest: the first of the closest
        assertThat(Hyperparameter.closest("x")).isSameAs(Hyperparameter.LR);
    }

    @Test
    void layerSizesAreValues() {
        assertThat(LayerSizes.of(784, 10)).isEqualTo(LayerSizes.parse(" 784, 10 ", "x"));
        assertThat(LayerSizes.of(784, 10).hashCode())
                .isEqualTo(LayerSizes.parse("784,10", "x").hashCode());
        assertThat(LayerSizes.of(1, 2).hashCode())
                .isNotEqualTo(LayerSizes.of(2, 1).hashCode());
        assertThat(LayerSizes.of(1, 2)).isNotEqualTo(LayerSizes.of(2, 1)).isNotEqualTo("1,2");
        assertThat(LayerSizes.parse("AUTO", "x")).isSameAs(LayerSizes.AUTO);
        assertThat(LayerSizes.AUTO.auto()).isTrue();
        assertThat(LayerSizes.AUTO).hasToString("auto");
        assertThat(LayerSizes.of(4, 8, 3).auto()).isFalse();
        assertThatThrownBy(LayerSizes.AUTO::sizes).isInstanceOf(IllegalStateException.class);
        int[] sizes = LayerSizes.of(4, 8, 3).sizes();
        sizes[0] = 99; // a copy: the value cannot change
        assertThat(LayerSizes.of(4, 8, 3)).hasToString("4,8,3");
        assertThatThrownBy(() -> Hyperparameter.LAYERS.read(java.util.Map.of(), "x"))
                .hasMessage("x: expected layer sizes such as 784,512,10 or auto, found '{}'");
    }

    @Test
    void aValidationSplitIsACountAFractionOrTheArticles() {
        assertThat(ValidationSplit.examples(0)).hasToString("0");
        assertThat(ValidationSplit.examples(10)).hasToString("10");
        assertThat(ValidationSplit.fraction(0.25)).hasToString("0.25");
        assertThat(ValidationSplit.ARTICLE).hasToString("article");
        assertThat(ValidationSplit.examples(0).of(100, "x").heldOut()).isZero();
        assertThat(ValidationSplit.examples(1).of(100, "x").heldOut()).isEqualTo(1);
        assertThat(ValidationSplit.fraction(0.25).of(100, "x").heldOut()).isEqualTo(25);
        assertThat(ValidationSplit.ARTICLE.of(100, "x").article()).isTrue();
        assertThat(ValidationSplit.examples(99).of(100, "x").heldOut()).isEqualTo(99);
        assertThatThrownBy(() -> ValidationSplit.examples(100).of(100, "--validation-split"))
                .hasMessage("--validation-split: expected fewer than the 100 training examples, found 100");
        // before the data is read, any count is taken
        assertThat(ValidationSplit.examples(10_000).of(Integer.MAX_VALUE, "x").heldOut())
                .isEqualTo(10_000);
        assertThatThrownBy(() -> new ValidationSplit(-1, false)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new ValidationSplit(2.5, false)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new ValidationSplit(3e9, false)).isInstanceOf(InvalidInputException.class);
        assertThat(new ValidationSplit(Integer.MAX_VALUE, false).amount()).isEqualTo(Integer.MAX_VALUE);
        assertThat(Hyperparameter.VALIDATION_SPLIT.read(0.5, "x")).isEqualTo(ValidationSplit.fraction(0.5));
        assertThat(Hyperparameter.VALIDATION_SPLIT.read(100L, "x")).isEqualTo(ValidationSplit.examples(100));
        for (String bad : new String[] {"0x10", "1d", "ten", "-5", "2.5"}) {
            assertThatThrownBy(() -> Hyperparameter.VALIDATION_SPLIT.read(bad, "--validation-split"))
                    .as(bad)
                    .hasMessage("--validation-split: expected a number of examples, a fraction in (0, 1), or"
                            + " \"article\", found '" + bad + "'");
        }
    }
}
