package org.mlp4j.recipe;

import org.mlp4j.data.Dataset;
import org.mlp4j.sgd.TrainingSettings;

/** Plans for tests of the API, made as a user makes them: from a recipe. */
public final class TestPlans {
    private TestPlans() {}

    /**
     * Plain SGD at a constant rate with no regularisation and the last {@code heldOut} examples held out: the
     * training part of a plan, for a perceptron built with its own architecture.
     */
    public static TrainingPlan sgd(Dataset data, int epochs, int batchSize, double lr, int heldOut) {
        return Recipe.named("default")
                .with("epochs", epochs)
                .with("batch-size", batchSize)
                .with("lr", lr)
                .with("optimizer", "sgd")
                .with("schedule", "constant")
                .with("dropout", 0.0)
                .with("input-dropout", 0.0)
                .with("validation-split", heldOut)
                .plan(data.size(), 0);
    }

    /** The engine's settings of a plan, for tests that check the plan against them. */
    public static TrainingSettings settings(TrainingPlan plan) {
        return plan.settings();
    }
}
