package org.mlp4j.recipe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mlp4j.InvalidInputException;

/** Issue 22, item 3: what the user did not set follows the data, said in one line; what they set stays. */
class DataDefaultsTest {
    @Test
    void theHiddenWidthRule() {
        assertThat(DataDefaults.hiddenWidth(4, 3)).isEqualTo(16); // iris
        assertThat(DataDefaults.hiddenWidth(13, 3)).isEqualTo(32); // wine
        assertThat(DataDefaults.hiddenWidth(30, 2)).isEqualTo(64); // breast_cancer
        assertThat(DataDefaults.hiddenWidth(784, 10)).isEqualTo(256);
        assertThat(DataDefaults.hiddenWidth(1, 2)).isEqualTo(16);
        assertThat(DataDefaults.hiddenWidth(9, 7)).isEqualTo(32);
        assertThat(DataDefaults.hiddenWidth(8, 8)).isEqualTo(32);
    }

    @Test
    void aSmallTableGetsItsSizesNoSplitAndABatchItHas() {
        List<String> notes = new ArrayList<>();
        Recipe r = Recipe.named("tabular").with("batch-size", 32).fitTo(4, 3, 120, true, notes::add);
        assertThat(r.text("layers")).isEqualTo("4,16,3");
        assertThat(r.get(Hyperparameter.VALIDATION_SPLIT).amount()).isZero();
        assertThat(r.get(Hyperparameter.PATIENCE)).isZero();
        assertThat(r.get(Hyperparameter.BATCH_SIZE)).as("set by the code: kept").isEqualTo(32);
        assertThat(notes)
                .singleElement()
                .asString()
                .startsWith("from the data: layers 4,16,3 (4 features, 3 classes")
                .contains("no validation split (a tenth of the 120 training rows would be 12, fewer than 20)")
                .contains("no early stopping");
        TrainingPlan plan = r.plan(120, 0);
        assertThat(plan.sizes()).containsExactly(4, 16, 3);
    }

    @Test
    void aLargerTableHoldsOutATenth() {
        List<String> notes = new ArrayList<>();
        Recipe r = Recipe.named("tabular").fitTo(30, 2, 455, true, notes::add);
        assertThat(r.text("layers")).isEqualTo("30,64,2");
        assertThat(Planner.validation(r, 455).heldOut()).isEqualTo(46);
        assertThat(r.get(Hyperparameter.PATIENCE)).isPositive();
        assertThat(notes.get(0)).doesNotContain("validation"); // the recipe's tenth is kept, so not said
        // exactly 20 held out is enough; 19 is not
        assertThat(Planner.validation(Recipe.named("tabular").fitTo(3, 2, 200, true, n -> {}), 200)
                        .heldOut())
                .isEqualTo(20);
        assertThat(Recipe.named("tabular")
                        .fitTo(3, 2, 194, true, n -> {})
                        .get(Hyperparameter.VALIDATION_SPLIT)
                        .amount())
                .isZero();
    }

    @Test
    void anMnistRecipeOnATableKeepsItsHiddenLayersAndClampsItsBatch() {
        List<String> notes = new ArrayList<>();
        Recipe r = Recipe.named("default").with("dataset", "csv").forTables().fitTo(4, 3, 100, true, notes::add);
        assertThat(r.text("layers")).isEqualTo("4,1024,3");
        assertThat(r.get(Hyperparameter.BATCH_SIZE)).isEqualTo(100);
        assertThat(r.get(Hyperparameter.VALIDATION_SPLIT).amount()).isZero();
        assertThat(notes.get(0))
                .contains("batch-size 100 (every training row, fewer than the recipe's 128)")
                .contains("layers 4,1024,3 (4 features, 3 classes)")
                .doesNotContain("rule");
        assertThat(r.plan(100, 0).sizes()).containsExactly(4, 1024, 3);
    }

    @Test
    void whatTheUserSetStays() {
        List<String> notes = new ArrayList<>();
        Recipe given = Recipe.fromJson(
                "{\"dataset\": \"csv\", \"layers\": [5, 8, 2], \"batch-size\": 500, \"validation-split\": 0.5}",
                "mine.json");
        Recipe r = given.fitTo(4, 3, 100, true, notes::add);
        assertThat(r).isSameAs(given);
        assertThat(notes).isEmpty();
        // and the plan then says what does not fit, naming where it came from
        assertThatThrownBy(() -> r.plan(100, 0))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'batch-size' (from mine.json): expected at most the 50 training examples");
    }

    @Test
    void mnistItselfChangesNothing() {
        List<String> notes = new ArrayList<>();
        Recipe r = Recipe.named("fast-98");
        assertThat(r.fitTo(784, 10, 60_000, false, notes::add)).isSameAs(r);
        assertThat(notes).isEmpty();
        Recipe auto = Recipe.named("fast-98").merge(Map.of("layers", "auto"), "mine.json");
        assertThat(auto.fitTo(784, 10, 60_000, false, n -> {}).text("layers")).isEqualTo("784,256,10");
        assertThatThrownBy(() -> auto.plan(60_000, 28))
                .hasMessageContaining("'auto' takes its sizes from the data; fit the recipe to it first");
        auto.plan(Integer.MAX_VALUE, 28); // the rest of the recipe is checked before the data is read
    }

    @Test
    void aNamedRecipesPatienceGoesWithTheUsersZeroSplit() {
        List<String> notes = new ArrayList<>();
        Recipe r = Recipe.named("tabular").mergeOptions(Map.of("validation-split", 0L), "--");
        Recipe settled = DataDefaults.settle(r, notes::add);
        assertThat(settled.get(Hyperparameter.PATIENCE)).isZero();
        assertThat(notes).containsExactly("no early stopping: --validation-split 0 holds nothing out to watch");
        Recipe mine = r.mergeOptions(Map.of("patience", 5L), "--");
        assertThat(DataDefaults.settle(mine, notes::add)).isSameAs(mine); // the user's own patience is theirs
        Recipe named = Recipe.named("tabular");
        assertThat(DataDefaults.settle(named, notes::add)).isSameAs(named);
        assertThat(notes).hasSize(1);
    }

    @Test
    void theBatchIsClampedToTheRowsLeftAfterTheSplit() {
        List<String> notes = new ArrayList<>();
        Recipe mine = Recipe.named("default").merge(Map.of("validation-split", 20L), "mine.json");
        // 140 rows, 20 held out by the user: 120 left, fewer than the recipe's 128
        Recipe r = mine.fitTo(784, 10, 140, false, notes::add);
        assertThat(r.get(Hyperparameter.BATCH_SIZE)).isEqualTo(120);
        assertThat(notes.get(0)).contains("batch-size 120");
        // exactly as many rows as the batch: nothing to change, nothing said
        List<String> none = new ArrayList<>();
        Recipe exact = Recipe.named("default").merge(Map.of("validation-split", 0L), "mine.json");
        assertThat(exact.fitTo(784, 10, 128, false, none::add)).isSameAs(exact);
        assertThat(none).isEmpty();
    }

    @Test
    void aZeroSplitWithoutPatienceNeedsNoSettling() {
        List<String> notes = new ArrayList<>();
        Recipe r = Recipe.named("fast-98").mergeOptions(Map.of("validation-split", 0L), "--");
        assertThat(DataDefaults.settle(r, notes::add)).isSameAs(r);
        assertThat(notes).isEmpty();
    }
}
