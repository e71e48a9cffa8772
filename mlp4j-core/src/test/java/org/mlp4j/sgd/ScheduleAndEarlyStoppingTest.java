package org.mlp4j.sgd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.mlp4j.InvalidInputException;
import org.mlp4j.math.Rng;
import org.mlp4j.model.Init;
import org.mlp4j.model.Network;
import org.mlp4j.model.StandardActivation;
import org.mlp4j.model.StandardCost;

/** Schedules at their turning points, their checks at their edges, and early stopping's saved state. */
class ScheduleAndEarlyStoppingTest {
    @Test
    void schedulesTurnWhereTheySay() {
        assertThat(Schedule.constant()).isSameAs(Schedule.CONSTANT);
        assertThat(Schedule.constant().rate(0.1, 3.7, 10)).isEqualTo(0.1);
        // one-cycle over 10 epochs rising for 2: base/25 at 0, the peak exactly at 2, then down to base/1e4
        Schedule one = Schedule.oneCycle(2);
        assertThat(one.rate(1, 0, 10)).isEqualTo(1.0 / 25);
        assertThat(one.rate(1, 2, 10)).isCloseTo(1.0, Offset.offset(1e-12));
        assertThat(one.rate(1, 1, 10)).isCloseTo(1.0 / 25 + (1 - 1.0 / 25) / 2, Offset.offset(1e-12));
        assertThat(one.rate(1, 10, 10)).isCloseTo(1e-4, Offset.offset(1e-12));
        assertThat(one.rate(1, 11, 10)).isCloseTo(1e-4, Offset.offset(1e-12));
        assertThat(Schedule.oneCycle(0).rate(1, 3, 10)).isCloseTo(1.0, Offset.offset(1e-12)); // 30% of 10
        // warm-up: linear up to warmupEpochs, exactly the base there
        Schedule cos = Schedule.cosine(2);
        assertThat(cos.rate(1, 1, 10)).isCloseTo(0.5 * 0.5 * (1 + Math.cos(Math.PI * 0.1)), Offset.offset(1e-12));
        assertThat(cos.rate(1, 2, 10)).isCloseTo(0.5 * (1 + Math.cos(Math.PI * 0.2)), Offset.offset(1e-12));
        Schedule step = Schedule.step(2, 0.5);
        assertThat(step.rate(1, 1.999, 10)).isEqualTo(1.0);
        assertThat(step.rate(1, 2, 10)).isEqualTo(0.5);
        assertThat(step.rate(1, 4, 10)).isEqualTo(0.25);
    }

    @Test
    void schedulesDescribeThemselves() {
        assertThat(Schedule.constant().describe()).isEqualTo("constant");
        assertThat(Schedule.cosine(1).describe()).isEqualTo("cosine, warm-up 1.0 epochs");
        assertThat(Schedule.step(3, 0.1).describe()).isEqualTo("step (x0.1 every 3.0 epochs)");
    }

    @Test
    void scheduleSettingsAreCheckedAtTheirEdges() {
        new Schedule(Schedule.Kind.STEP, 0, Double.MIN_VALUE, Double.MIN_VALUE);
        assertField(() -> new Schedule(Schedule.Kind.STEP, -1e-9, 1, 1), "warmup");
        assertField(() -> new Schedule(Schedule.Kind.STEP, Double.POSITIVE_INFINITY, 1, 1), "warmup");
        assertField(() -> new Schedule(Schedule.Kind.STEP, 0, 0, 1), "step-every");
        assertField(() -> new Schedule(Schedule.Kind.STEP, 0, 1, 0), "gamma");
        assertField(() -> new Schedule(null, 0, 1, 1), "schedule");
    }

    private static void assertField(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String field) {
        assertThatThrownBy(call)
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo(field));
    }

    @Test
    void earlyStoppingKeepsItsBestAccuracyExactlyThroughAState() {
        Network net = Network.init(
                new int[] {2, 2},
                StandardActivation.SIGMOID,
                StandardActivation.SIGMOID,
                StandardCost.QUADRATIC,
                Init.ARTICLE,
                new Rng(1));
        EarlyStopping a = new EarlyStopping(net, 2);
        double third = 1.0 / 3; // every bit of the double matters
        assertThat(a.shouldStop(1, third)).isFalse();
        Map<String, float[]> state = a.state();
        EarlyStopping b = new EarlyStopping(net.copy(), 2);
        b.restore(state);
        assertThat(b.shouldStop(2, Math.nextDown(third))).isFalse();
        assertThat(b.shouldStop(3, third)).as("equal is no improvement").isTrue();
        EarlyStopping c = new EarlyStopping(net.copy(), 1);
        c.restore(state);
        assertThat(c.shouldStop(2, Math.nextUp(third)))
                .as("the smallest improvement counts")
                .isFalse();
    }

    @Test
    void withoutAnyImprovementTheWeightsAreLeftAlone() {
        Network net = Network.init(
                new int[] {2, 2},
                StandardActivation.SIGMOID,
                StandardActivation.SIGMOID,
                StandardCost.QUADRATIC,
                Init.ARTICLE,
                new Rng(1));
        EarlyStopping s = new EarlyStopping(net, 1);
        net.weights(0)[0] += 1f;
        Network changed = net.copy();
        s.restoreBest();
        assertThat(net.sameParameters(changed)).isTrue();
    }
}
