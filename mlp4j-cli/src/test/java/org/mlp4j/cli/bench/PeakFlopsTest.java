package org.mlp4j.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.mlp4j.kernels.Kernels;

class PeakFlopsTest {

    @Test
    void thePeakIsARateOfTheVectorUnits() {
        assertThat(Kernels.vectorAvailable())
                .as("the tests run with the Vector API module")
                .isTrue();
        double one = PeakFlops.gflops(1, 0.05);
        // No lower bound: a timed figure is no unit test (on a loaded machine, before C2 compiles the chains, it
        // measured 0.67 GFLOPS); the bound above checks the FLOP count: at most two 512-bit FMAs a cycle at 6 GHz.
        assertThat(one).isPositive().isLessThan(2 * 16 * 2 * 6.0);
    }
}
