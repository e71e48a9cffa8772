/**
 * mlp4j: multilayer perceptrons trained with minibatch stochastic gradient descent and backpropagation,
 * in pure Java with no dependencies.
 *
 * <p>Start with {@link org.mlp4j.MultilayerPerceptron} (train, evaluate, save) and {@link org.mlp4j.Model}
 * (load, classify); {@code docs/library.md} in the repository walks through both. The packages exported
 * here are the API; {@code org.mlp4j.engine}, {@code org.mlp4j.sgd} and {@code org.mlp4j.internal} are not,
 * and may change in any release. A recipe ({@link org.mlp4j.recipe.Recipe}) is the one training configuration.
 *
 * <p>The fast kernels use the Vector API: start the JVM with {@code --add-modules jdk.incubator.vector}.
 * Without it mlp4j runs plain loops and logs one line saying so.
 */
@SuppressWarnings("module") // the incubator module's warning: the kernels fall back to loops without it
module org.mlp4j.core {
    requires java.management; // the JIT's compilation time (kernels.JitWarmUp)
    requires static jdk.incubator.vector;
    requires static org.snakeyaml.engine;

    exports org.mlp4j;
    exports org.mlp4j.data;
    exports org.mlp4j.eval;
    exports org.mlp4j.io;
    exports org.mlp4j.math;
    exports org.mlp4j.model;
    exports org.mlp4j.recipe;
    exports org.mlp4j.train;
}
