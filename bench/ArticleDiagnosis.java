// Usage: ./mlp4j fetch mnist && java --add-modules jdk.incubator.vector -cp mlp4j-cli/target/mlp4j.jar bench/ArticleDiagnosis.java LR EPOCHS SEEDS (the engine and the trainer are internals: this runs on the class path)
import org.mlp4j.data.*; import org.mlp4j.datasets.*; import org.mlp4j.model.*; import org.mlp4j.math.*; import org.mlp4j.train.*; import org.mlp4j.eval.*; import org.mlp4j.engine.*; import org.mlp4j.sgd.*; import org.mlp4j.kernels.*;
/** Diagnoses the article configuration: predicted-class counts before and after training, output saturation. */
public class ArticleDiagnosis { public static void main(String[] a){
  var m = Datasets.load(DatasetSpec.MNIST, FetchOptions.fromEnvironment(null, s->{}));
  double lr = Double.parseDouble(a[0]); int epochs = Integer.parseInt(a[1]);
  for (long seed = 0; seed < Integer.parseInt(a[2]); seed++) {
  Rng rng = new Rng(seed);
  Network net = Network.articleInit(new int[]{784,512,10}, StandardActivation.SIGMOID, StandardCost.QUADRATIC, rng);
  try (WorkerPool pool = new WorkerPool(2)) {
    int[] before = counts(net, m.test(), pool);
    new MinibatchSgd(Kernels.best(), pool).fit(net, m.train(), new TrainingSettings(epochs, 128, lr), rng, null);
    int[] after = counts(net, m.test(), pool);
    // mean output-sigmoid derivative on test set
    System.out.println("seed " + seed + " lr " + lr + " predicted-class counts before " + java.util.Arrays.toString(before) + " after " + java.util.Arrays.toString(after) + " satur " + saturation(net, m.test(), pool));
  }}
}
static int[] counts(Network net, Dataset d, WorkerPool pool){ int[] c = new int[10]; Batch b = new Batch(1000, 784, 10); BatchedBackprop e = new BatchedBackprop(net, 1000, Kernels.best(), pool);
  for (int f=0; f<d.size(); f+=1000){ b.fillRange(d,f,f+1000); e.forward(b); for(int i=0;i<1000;i++) c[Accuracy.argmax(e.outputs(), i*10, 10)]++; } return c; }
static String saturation(Network net, Dataset d, WorkerPool pool){ Batch b = new Batch(1000, 784, 10); BatchedBackprop e = new BatchedBackprop(net, 1000, Kernels.best(), pool);
  b.fillRange(d,0,1000); e.forward(b); int sat=0; double sd=0; for (float v: e.outputs()){ double dd=v*(1-v); sd+=dd; if (dd<0.01) sat++; } return String.format("mean sigma'=%.4f share(sigma'<0.01)=%.3f", sd/10000, sat/10000.0); }
}
