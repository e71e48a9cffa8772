package org.mlp4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlp4j.Model;
import org.mlp4j.math.Rng;

/** Training on a CSV file: header detection, a named label column, standardisation stored in the model. */
class TabularTest {
    @TempDir
    Path dir;

    /**
     * Three classes of points around different centres, with features on very different scales (one in
     * thousands, one in thousandths): unstandardised, the large feature would swamp the small one.
     */
    private Path blobs(String name, int n, long seed, boolean header) throws Exception {
        Rng rng = new Rng(seed);
        StringBuilder sb = new StringBuilder(header ? "width_mm,species,weight_g,ratio\n" : "");
        String[] species = {"alpha", "beta", "gamma"};
        for (int i = 0; i < n; i++) {
            int c = i % 3; // sorted in runs of classes would be as common; the loader shuffles either way
            double a = 1000 + 300 * c + 120 * rng.nextGaussian();
            double b = 5 + 2 * rng.nextGaussian();
            double r = 0.001 * (c == 1 ? 3 : 1) + 0.0004 * rng.nextGaussian();
            if (header) { // the label column second
                sb.append(String.format(Locale.ROOT, "%.3f,%s,%.3f,%.6f%n", a, species[c], b, r));
            } else { // the label column last
                sb.append(String.format(Locale.ROOT, "%.3f,%.3f,%.6f,%s%n", a, b, r, species[c]));
            }
        }
        Path f = dir.resolve(name);
        Files.writeString(f, sb);
        return f;
    }

    @Test
    void trainsOnACsvFileAndTheModelStandardisesRawInputs() throws Exception {
        Path train = blobs("train.csv", 900, 1, true);
        Path test = blobs("test.csv", 300, 2, true);
        Path model = dir.resolve("csv.safetensors");
        Cli r = Cli.run(
                "train",
                "--dataset",
                "csv",
                "--data",
                train.toString(),
                "--label",
                "species",
                "--test-data",
                test.toString(),
                "--layers",
                "3,16,3",
                "--epochs",
                "30",
                "--batch-size",
                "32",
                "--validation-split",
                "0.1",
                "--save",
                model.toString(),
                "--runs",
                dir.resolve("runs").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("3 features, 3 classes").contains("810 training examples, 90 held out");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("result test_accuracy=(\\d\\.\\d{4})")
                .matcher(r.out());
        assertThat(m.find()).isTrue();
        assertThat(Double.parseDouble(m.group(1))).isGreaterThan(0.9);

        Model loaded = Model.load(model);
        assertThat(loaded.metadata())
                .containsEntry("class_names", "alpha,beta,gamma")
                .containsEntry("input_scaling", "standardize");
        // raw inputs, as in the file: class beta has the large ratio, gamma the large width
        assertThat(loaded.predictClass(new float[] {1300f, 5f, 0.003f})).isEqualTo(1);
        assertThat(loaded.predictClass(new float[] {1600f, 5f, 0.001f})).isEqualTo(2);
        assertThat(loaded.predictClass(new float[] {1000f, 5f, 0.001f})).isEqualTo(0);

        // predict reads the feature columns by name, in any order, and ignores the others
        Path rows = dir.resolve("rows.csv");
        Files.writeString(rows, "ratio,id,width_mm,weight_g\n0.003,a,1300,5\n0.001,b,1600,5\n");
        Cli predict = Cli.run("predict", model.toString(), rows.toString(), "--format", "csv");
        assertThat(predict.exitCode()).as(predict.err()).isZero();
        assertThat(predict.out()).containsPattern(":2\",1,\"beta\",").containsPattern(":3\",2,\"gamma\",");

        Cli eval = Cli.run("evaluate", model.toString(), "--data", test.toString(), "--label", "species");
        assertThat(eval.exitCode()).as(eval.err()).isZero();
        assertThat(eval.out())
                .contains("accuracy " + m.group(1))
                .contains("alpha")
                .contains("gamma");
    }

    @Test
    void withoutHeaderTheLastColumnIsTheLabelAndTwentyPercentIsTheTestSet() throws Exception {
        Path data = blobs("plain.csv", 600, 3, false);
        Cli r = Cli.run(
                "train",
                "--dataset",
                "csv",
                "--data",
                data.toString(),
                "--layers",
                "3,8,3",
                "--epochs",
                "5",
                "--validation-split",
                "0",
                "--runs",
                dir.resolve("runs").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("480 training examples").contains("120 test examples");
    }

    @Test
    void badCsvFilesNameTheLineAndColumn() throws Exception {
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "a,b,label\n1,2,x\n3,oops,y\n");
        Cli r = Cli.run("train", "--dataset", "csv", "--data", bad.toString(), "--layers", "2,4,2");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err())
                .contains(bad.toString())
                .contains("line 3")
                .contains("column 'b'")
                .contains("oops");
        Files.writeString(bad, "a,b,kind\n1,2,x\n3,4,y\n");
        Cli noLabel = Cli.run("train", "--dataset", "csv", "--data", bad.toString(), "--layers", "2,4,2");
        assertThat(noLabel.err()).contains("label column named 'label'").contains("a, b, kind");
        Cli augment = Cli.run("train", "--dataset", "csv", "--data", bad.toString(), "--augment-shift", "2");
        assertThat(augment.exitCode()).isEqualTo(2);
        assertThat(augment.err()).contains("augment-shift").contains("tabular");
    }
}
