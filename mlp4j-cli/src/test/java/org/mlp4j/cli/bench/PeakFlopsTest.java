package org.mlp4j.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.mlp4j.math.Kernels;

class PeakFlopsTest {

    @Test
    void thePeakIsARateOfTheVectorUnits() {
        assertThat(Kernels.vectorAvailable())
                .as("the tests run with the Vector API module")
                .isTrue();
        double one = PeakFlops.gflops(1, 0.05);
        // a core of the last decade: at least a 128-bit FMA every few cycles, at most two 512-bit FMAs a cycle at 6 GHz
        assertThat(one).isBetween(1.0, 2 * 16 * 2 * 6.0);
    }
}
