package org.mlp4j.sgd;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.mlp4j.engine.Augmentation;
import org.mlp4j.sgd.optim.OptimizerSettings;

/** The engine's settings: their named constructors, and how a modern setting leaves the article's scheme. */
class TrainingSettingsTest {
    @Test
    void namedSettingsMeanWhatThePositionalOnesMeant() {
        assertThat(Regularization.dropout(0.2, 0.5)).isEqualTo(new Regularization(0.2, 0.5, 0));
        assertThat(Regularization.dropout(0, 0.5).withMaxNorm(3)).isEqualTo(new Regularization(0, 0.5, 3));
        assertThat(Schedule.oneCycle(1)).isEqualTo(new Schedule(Schedule.Kind.ONE_CYCLE, 1, 1, 1));
        assertThat(Schedule.cosine(2)).isEqualTo(new Schedule(Schedule.Kind.COSINE, 2, 1, 1));
        assertThat(Schedule.step(5, 0.5)).isEqualTo(new Schedule(Schedule.Kind.STEP, 0, 5, 0.5));
        assertThat(Augmentation.shifts(28, 1)).isEqualTo(new Augmentation(28, 1, 0, 0, 0));
        assertThat(Augmentation.shifts(28, 2)
                        .withRotation(10)
                        .withScale(0.1)
                        .withElastic(1)
                        .withFlip())
                .isEqualTo(new Augmentation(28, 2, 10, 0.1, 1, true));
        assertThat(OptimizerSettings.adamW(0.05).kind()).isEqualTo(OptimizerSettings.Kind.ADAMW);
        assertThat(OptimizerSettings.nesterov(0.9).withL2(1e-4).withClipNorm(5))
                .isEqualTo(new OptimizerSettings(OptimizerSettings.Kind.NESTEROV, 0.9, 0.9, 0.999, 1e-8, 1e-4, 0, 5));
    }

    @Test
    void aModernSettingLeavesTheArticlesValidationInsteadOfFailing() {
        TrainingSettings s = new TrainingSettings(30, 16, 0.01).withOptimizer(OptimizerSettings.adam());
        assertThat(s.validation()).isEqualTo(Validation.NONE);
        assertThat(s.isArticle()).isFalse();
        assertThat(new TrainingSettings(3, 16, 0.01)
                        .withValidation(100)
                        .withSchedule(Schedule.cosine(0))
                        .validation()
                        .heldOut())
                .isEqualTo(100);
        assertThat(new TrainingSettings(3, 16, 0.01).validation().article()).isTrue();
    }
}
