package org.mlp4j.sgd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;
import org.mlp4j.InvalidInputException;
import org.mlp4j.engine.MaxNorm;
import org.mlp4j.model.Network;
import org.mlp4j.model.StandardActivation;
import org.mlp4j.model.StandardCost;
import org.mlp4j.sgd.optim.Optimizer;
import org.mlp4j.sgd.optim.OptimizerSettings;
import org.mlp4j.sgd.optim.OptimizerSettings.Kind;

/** Each update rule against values worked out by hand. */
class OptimizerTest {
    /** A 1-1 network: tensor 0 is one weight, tensor 1 one bias. */
    private static Network tiny(float w, float b) {
        return Network.of(
                new int[] {1, 1},
                StandardActivation.IDENTITY,
                StandardCost.QUADRATIC,
                new float[][] {{w}},
                new float[][] {{b}});
    }

    private static OptimizerSettings settings(Kind kind, double l2, double wd, double clip) {
        return new OptimizerSettings(kind, 0.9, 0.9, 0.999, 1e-8, l2, wd, clip);
    }

    /** Runs two steps with gradients g1 then g2 on the weight; returns the weight after each. */
    private static float[] twoSteps(OptimizerSettings s, float w0, float g1, float g2, double lr) {
        Network net = tiny(w0, 0);
        Optimizer opt = new Optimizer(s, net);
        float[] p = net.weights(0);
        opt.learningRate(lr);
        opt.beginStep(0);
        opt.update(0, p, new float[] {g1}, 0, 1);
        float after1 = p[0];
        opt.learningRate(lr);
        opt.beginStep(0);
        opt.update(0, p, new float[] {g2}, 0, 1);
        return new float[] {after1, p[0]};
    }

    @Test
    void sgd() {
        float[] w = twoSteps(settings(Kind.SGD, 0, 0, 0), 1f, 0.5f, -0.25f, 0.1);
        assertThat(w[0]).isCloseTo(0.95f, offset(1e-7f)); // 1 − 0.1·0.5
        assertThat(w[1]).isCloseTo(0.975f, offset(1e-7f)); // 0.95 + 0.1·0.25
    }

    @Test
    void momentum() {
        float[] w = twoSteps(settings(Kind.MOMENTUM, 0, 0, 0), 1f, 0.5f, -0.25f, 0.1);
        // v1 = 0.5, w1 = 1 − 0.05 = 0.95; v2 = 0.9·0.5 − 0.25 = 0.2, w2 = 0.95 − 0.02 = 0.93
        assertThat(w[0]).isCloseTo(0.95f, offset(1e-7f));
        assertThat(w[1]).isCloseTo(0.93f, offset(1e-7f));
    }

    @Test
    void nesterov() {
        float[] w = twoSteps(settings(Kind.NESTEROV, 0, 0, 0), 1f, 0.5f, -0.25f, 0.1);
        // v1 = 0.5, w1 = 1 − 0.1(0.5 + 0.45) = 0.905; v2 = 0.2, w2 = 0.905 − 0.1(−0.25 + 0.18) = 0.912
        assertThat(w[0]).isCloseTo(0.905f, offset(1e-7f));
        assertThat(w[1]).isCloseTo(0.912f, offset(1e-7f));
    }

    @Test
    void adam() {
        float[] w = twoSteps(settings(Kind.ADAM, 0, 0, 0), 1f, 0.5f, -0.25f, 0.01);
        // step 1: m = 0.05, v = 0.00025, m̂ = 0.5, v̂ = 0.25: w = 1 − 0.01·0.5/0.5 = 0.99
        assertThat(w[0]).isCloseTo(0.99f, offset(1e-6f));
        // step 2: m = 0.045 − 0.025 = 0.02, v = 0.00024975 + 0.0000625 = 0.00031225
        // m̂ = 0.02/0.19 = 0.105263, v̂ = 0.00031225/0.001999 = 0.156203, w = 0.99 − 0.01·0.105263/0.395226
        assertThat(w[1])
                .isCloseTo(
                        (float) (0.99 - 0.01 * (0.02 / 0.19) / Math.sqrt(0.00031225 / (1 - 0.998001))), offset(1e-6f));
    }

    @Test
    void adamwDecaysWeightsButNotBiases() {
        Network net = tiny(2f, 2f);
        Optimizer opt = new Optimizer(settings(Kind.ADAMW, 0, 0.1, 0), net);
        opt.learningRate(0.01);
        opt.beginStep(0);
        opt.update(0, net.weights(0), new float[] {0f}, 0, 1);
        opt.update(1, net.biases(0), new float[] {0f}, 0, 1);
        assertThat(net.weights(0)[0]).isCloseTo(2f * (1 - 0.01f * 0.1f), offset(1e-7f)); // gradient 0: decay alone
        assertThat(net.biases(0)[0]).isEqualTo(2f);
    }

    @Test
    void l2AddsLambdaTimesWeightToTheGradient() {
        float[] w = twoSteps(settings(Kind.SGD, 0.5, 0, 0), 2f, 0f, 0f, 0.1);
        assertThat(w[0]).isCloseTo(1.9f, offset(1e-7f)); // g = 0 + 0.5·2 = 1
    }

    @Test
    void clippingScalesTheWholeGradientToTheNorm() {
        Network net = tiny(0f, 0f);
        Optimizer opt = new Optimizer(settings(Kind.SGD, 0, 0, 1.0), net);
        opt.learningRate(1.0);
        opt.beginStep(5.0); // global norm 5 > 1: scale by 1/5
        opt.update(0, net.weights(0), new float[] {3f}, 0, 1);
        opt.update(1, net.biases(0), new float[] {4f}, 0, 1);
        assertThat(net.weights(0)[0]).isCloseTo(-0.6f, offset(1e-7f));
        assertThat(net.biases(0)[0]).isCloseTo(-0.8f, offset(1e-7f));
    }

    @Test
    void badHyperParametersNameTheirKey() {
        assertThatThrownBy(() -> new OptimizerSettings(Kind.MOMENTUM, 1.5, 0.9, 0.999, 1e-8, 0, 0, 0))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("momentum:");
        assertThatThrownBy(() -> new OptimizerSettings(Kind.ADAM, 0, 0.9, 0.999, 1e-8, -1, 0, 0))
                .hasMessageStartingWith("l2:");
        assertThatThrownBy(() -> Kind.parse("adamm", "optimizer"))
                .hasMessageContaining("optimizer: expected one of sgd, momentum");
        assertThatThrownBy(() -> new Regularization(-0.1, 0, 0)).hasMessageStartingWith("input-dropout:");
        assertThatThrownBy(() -> new Regularization(0, 1.0, 0)).hasMessageStartingWith("dropout:");
    }

    @Test
    void schedulesAtHandComputedPoints() {
        double base = 0.1;
        assertThat(Schedule.CONSTANT.rate(base, 7.3, 10)).isEqualTo(0.1);
        Schedule step = new Schedule(Schedule.Kind.STEP, 0, 3, 0.5);
        assertThat(step.rate(base, 2.99, 10)).isEqualTo(0.1);
        assertThat(step.rate(base, 3.0, 10)).isCloseTo(0.05, offset(1e-15));
        assertThat(step.rate(base, 6.5, 10)).isCloseTo(0.025, offset(1e-15));
        Schedule cosine = new Schedule(Schedule.Kind.COSINE, 0, 1, 1);
        assertThat(cosine.rate(base, 0, 10)).isCloseTo(0.1, offset(1e-15));
        assertThat(cosine.rate(base, 5, 10)).isCloseTo(0.05, offset(1e-15));
        assertThat(cosine.rate(base, 10, 10)).isCloseTo(0.0, offset(1e-15));
        Schedule warm = new Schedule(Schedule.Kind.COSINE, 2, 1, 1);
        assertThat(warm.rate(base, 1, 10)).isCloseTo(0.5 * 0.1 * 0.5 * (1 + Math.cos(Math.PI * 0.1)), offset(1e-15));
        Schedule oneCycle = new Schedule(Schedule.Kind.ONE_CYCLE, 0, 1, 1);
        assertThat(oneCycle.rate(base, 0, 10)).isCloseTo(0.004, offset(1e-15)); // lr/25
        assertThat(oneCycle.rate(base, 1.5, 10)).isCloseTo(0.052, offset(1e-15)); // halfway up: (0.004 + 0.1)/2
        assertThat(oneCycle.rate(base, 3, 10)).isCloseTo(0.1, offset(1e-15)); // the peak at 30%
        assertThat(oneCycle.rate(base, 10, 10)).isCloseTo(1e-5, offset(1e-15)); // lr/10⁴ at the end
    }

    @Test
    void maxNormScalesLongColumnsOnly() {
        // w is (in = 2) x (out = 2): column 0 = (3, 4) has norm 5, column 1 = (0.3, 0.4) norm 0.5
        float[] w = {3f, 0.3f, 4f, 0.4f};
        MaxNorm.apply(w, 2, 2, 2f, new float[2]);
        assertThat(w).containsExactly(new float[] {1.2f, 0.3f, 1.6f, 0.4f}, offset(1e-6f));
    }

    @Test
    void earlyStoppingRestoresTheBestEpoch() {
        Network net = tiny(1f, 0f);
        EarlyStopping stop = new EarlyStopping(net, 2);
        assertThat(stop.shouldStop(1, 0.5)).isFalse();
        net.weights(0)[0] = 2f;
        assertThat(stop.shouldStop(2, 0.7)).isFalse(); // best so far: weight 2
        net.weights(0)[0] = 3f;
        assertThat(stop.shouldStop(3, 0.6)).isFalse();
        net.weights(0)[0] = 4f;
        assertThat(stop.shouldStop(4, 0.65)).isTrue(); // two epochs without improvement
        stop.restoreBest();
        assertThat(net.weights(0)[0]).isEqualTo(2f);
    }

    @Test
    void aStepWithoutALearningRateIsRefused() {
        Optimizer opt = new Optimizer(settings(Kind.SGD, 0, 0, 0), tiny(1f, 0f));
        assertThatThrownBy(() -> opt.beginStep(0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("learningRate");
        opt.learningRate(0.1);
        opt.beginStep(0);
        assertThat(opt.steps()).isEqualTo(1);
    }
}
