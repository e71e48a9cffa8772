package org.mlp4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlp4j.InvalidInputException;
import org.mlp4j.math.Rng;
import org.mlp4j.model.Network;
import org.mlp4j.train.Checkpointer;

/** Checkpoints: a model file plus the training position, read back exactly or refused with the key named. */
class CheckpointFileTest {
    @TempDir
    Path dir;

    private static final Map<String, float[]> STATE =
            Map.of("optimizer.velocity.0", new float[] {1.5f, -2f}, "early.best.0", new float[] {3f});

    private Path saved(Checkpointer.Position position) {
        Path file = dir.resolve("ck.safetensors");
        Map<String, float[]> scaling = new LinkedHashMap<>();
        scaling.put("input.mean", new float[] {0, 1, 2, 3, 4, 5});
        scaling.put("input.std", new float[] {1, 1, 1, 1, 1, 2});
        ModelFile.saveCheckpoint(file, ModelFileTest.small(3), position, Map.of("recipe", "{}"), scaling);
        return file;
    }

    @Test
    void aCheckpointComesBackWithItsPositionStateAndNetwork() {
        Rng.State rng = new Rng.State(-1234567890123L, true, -0.75);
        Path file = saved(new Checkpointer.Position(3, 7, rng, 42, STATE));
        ModelFile.Checkpoint c = ModelFile.loadCheckpoint(file);
        Checkpointer.Position p = c.position();
        assertThat(p.epoch()).isEqualTo(3);
        assertThat(p.batch()).isEqualTo(7);
        assertThat(p.step()).isEqualTo(42);
        assertThat(p.epochStart()).isEqualTo(rng);
        assertThat(p.state()).containsOnlyKeys(STATE.keySet());
        assertThat(p.state().get("optimizer.velocity.0")).containsExactly(1.5f, -2f);
        assertThat(p.state().get("early.best.0")).containsExactly(3f);
        assertThat(c.metadata()).containsEntry("recipe", "{}").containsEntry("checkpoint_epoch", "3");
        Network expected = ModelFileTest.small(3);
        for (int l = 0; l < expected.layerCount(); l++) {
            assertThat(c.network().weights(l)).containsExactly(expected.weights(l));
            assertThat(c.network().biases(l)).containsExactly(expected.biases(l));
        }
        // read as a model, the same file is the model so far, with its input scaling
        assertThat(ModelFile.load(file).extraTensors()).containsKeys("input.mean", "input.std");
    }

    @Test
    void aGeneratorWithoutASpareGaussianAndAnOldFileWithoutAStepCount() {
        Path file = saved(new Checkpointer.Position(1, 0, new Rng.State(99, false, 0)));
        assertThat(ModelFile.loadCheckpoint(file).position().epochStart()).isEqualTo(new Rng.State(99, false, 0));
        Path old = rewritten(file, m -> m.remove("checkpoint_step"));
        assertThat(ModelFile.loadCheckpoint(old).position().step()).isZero();
        assertThat(ModelFile.loadCheckpoint(old).position().state()).isEmpty();
    }

    @Test
    void aCheckpointWithoutModelTensorsHasOnlyTheLayersAndTheState() {
        Path file = dir.resolve("plain.safetensors");
        ModelFile.saveCheckpoint(
                file, ModelFileTest.small(2), new Checkpointer.Position(2, 1, new Rng(5).save(), 9, STATE), Map.of());
        assertThat(ModelFile.loadCheckpoint(file).position().step()).isEqualTo(9);
        assertThat(ModelFile.load(file).extraTensors()).containsOnlyKeys(STATE.keySet());
    }

    @Test
    void aModelFileIsNotACheckpoint() {
        Path model = dir.resolve("m.safetensors");
        ModelFile.save(model, ModelFileTest.small(1), Map.of());
        assertThatThrownBy(() -> ModelFile.loadCheckpoint(model))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(model + ": not a checkpoint: __metadata__ has no checkpoint_epoch"
                        + " (a model file cannot be resumed; resume from a checkpoint file)");
        for (String key : new String[] {"checkpoint_batch", "checkpoint_rng_state", "checkpoint_rng_spare"}) {
            Path file = rewritten(saved(Checkpointer.Position.start(new Rng(1))), m -> m.remove(key));
            assertThatThrownBy(() -> ModelFile.loadCheckpoint(file)).hasMessageContaining("__metadata__ has no " + key);
        }
    }

    @Test
    void aPositionOutOfRangeOrNotANumberIsRefused() {
        Path start = saved(Checkpointer.Position.start(new Rng(1)));
        Path epoch0 = rewritten(start, m -> m.put("checkpoint_epoch", "0"));
        assertThatThrownBy(() -> ModelFile.loadCheckpoint(epoch0))
                .hasMessage(
                        epoch0 + ": checkpoint position: expected epoch >= 1 and batch >= 0, found epoch 0, batch 0");
        Path batch = rewritten(start, m -> m.put("checkpoint_batch", "-1"));
        assertThatThrownBy(() -> ModelFile.loadCheckpoint(batch))
                .hasMessage(
                        batch + ": checkpoint position: expected epoch >= 1 and batch >= 0, found epoch 1, batch -1");
        Path text = rewritten(start, m -> m.put("checkpoint_rng_state", "seven"));
        assertThatThrownBy(() -> ModelFile.loadCheckpoint(text))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(text + ": checkpoint metadata: expected numbers, found ")
                .hasMessageContaining("seven");
    }

    private Path rewritten(Path file, java.util.function.Consumer<Map<String, String>> change) {
        Safetensors.Contents c = Safetensors.read(file);
        Map<String, String> meta = new LinkedHashMap<>(c.metadata());
        change.accept(meta);
        Path out = dir.resolve("changed-" + meta.hashCode() + ".safetensors");
        Safetensors.write(out, c.tensors(), meta);
        return out;
    }
}
