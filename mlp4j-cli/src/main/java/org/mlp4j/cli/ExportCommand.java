package org.mlp4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.mlp4j.io.ModelFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mlp4j export MODEL --onnx OUT}: the model as a standard ONNX graph. */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        description = {
            "Export a saved model as an ONNX graph (opset 17: Gemm and activation operators), input \"input\""
                    + " [batch, inputs], output \"output\".",
            "The graph takes the same raw input as 'mlp4j predict' and Model.predict: an image model's grey levels"
                    + " 0-255 (divided by 255 in the graph), a CSV model's values (standardised in the graph: Sub,"
                    + " Div); class names are in the model's metadata_props."
        })
final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", description = "A model file written by 'mlp4j train --save'.")
    Path model;

    @Option(names = "--onnx", required = true, description = "The ONNX file to write.")
    Path onnx;

    @Override
    public Integer call() {
        ModelFile.exportOnnx(onnx, ModelFile.load(model));
        spec.commandLine().getOut().println("wrote " + onnx);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
