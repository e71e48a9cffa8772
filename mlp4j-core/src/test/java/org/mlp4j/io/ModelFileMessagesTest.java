package org.mlp4j.io;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mlp4j.math.Rng;
import org.mlp4j.model.Init;
import org.mlp4j.model.Network;
import org.mlp4j.model.StandardActivation;
import org.mlp4j.model.StandardCost;

/** A model file's mistakes, each said exactly once and naming the file. */
class ModelFileMessagesTest {
    private static final Network NET = Network.init(
            new int[] {3, 4, 2},
            StandardActivation.SIGMOID,
            StandardActivation.SIGMOID,
            StandardCost.QUADRATIC,
            Init.ARTICLE,
            new Rng(4));

    /** A valid model file's tensors and metadata, with {@code change} applied to the metadata
     * and, when asked, a tensor no model file has. */
    private static byte[] edited(java.util.function.Consumer<Map<String, String>> change, boolean junkTensor) {
        Safetensors.Contents c = Safetensors.decode(ModelFile.encode(NET, Map.of()), "m");
        Map<String, String> meta = new LinkedHashMap<>(c.metadata());
        change.accept(meta);
        List<Safetensors.Tensor> tensors = new ArrayList<>(c.tensors());
        if (junkTensor) {
            tensors.add(new Safetensors.Tensor("junk", new int[] {1}, new float[] {0f}));
        }
        return Safetensors.encode(tensors, meta);
    }

    /** A version 2 file claiming a regression is refused: a version 2 reader would take its outputs as classes. */
    @Test
    void aTaskNeedsVersionThree() {
        assertThatThrownBy(() -> ModelFile.decode(edited(m -> m.put("task", "regression"), false), "m.safetensors"))
                .hasMessage("m.safetensors: __metadata__ task \"regression\": expected format_version 3 for a task,"
                        + " found 2");
    }

    @Test
    void errorsNameTheFileOnce() {
        assertThatThrownBy(() -> ModelFile.decode(edited(m -> m.remove("format"), false), "m.safetensors"))
                .hasMessage("m.safetensors: __metadata__ format: expected \"mlp4j\", found nothing (not an mlp4j"
                        + " model file)");
        assertThatThrownBy(() -> ModelFile.decode(edited(m -> m.put("format", "gguf"), false), "m.safetensors"))
                .hasMessage("m.safetensors: __metadata__ format: expected \"mlp4j\", found \"gguf\" (not an mlp4j"
                        + " model file)");
        // a part that does not know the file's name gets it put in front, once
        assertThatThrownBy(() -> ModelFile.decode(edited(m -> m.put("activation", "swish"), false), "m.safetensors"))
                .hasMessageStartingWith("m.safetensors: __metadata__ activation: expected one of");
        assertThatThrownBy(() -> ModelFile.decode(edited(m -> {}, true), "m.safetensors"))
                .hasMessageStartingWith("m.safetensors: expected 4 tensors for layers 3,4,2")
                .hasMessageEndingWith("found 5");
        assertThatThrownBy(() -> ModelFile.decode(edited(m -> m.put("format_version", "4"), false), "m.safetensors"))
                .hasMessage("m.safetensors: format_version 4 is unknown: this mlp4j reads versions 1 to 3; the file was"
                        + " written by a newer mlp4j");
        assertThatThrownBy(() -> ModelFile.decode(edited(m -> m.put("format_version", "0"), false), "m.safetensors"))
                .hasMessage("m.safetensors: format_version 0 is unknown: this mlp4j reads versions 1 to 3");
    }
}
