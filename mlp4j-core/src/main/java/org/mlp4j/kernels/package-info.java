/**
 * The compute kernels ({@link org.mlp4j.kernels.Kernels}: the Vector API's, or plain loops when the module is
 * absent, with the same bits) and the {@link org.mlp4j.kernels.WorkerPool} whose results do not depend on its
 * thread count. Not exported by the module: the API takes a number of threads, and {@code
 * MultilayerPerceptron.kernels()} says which kernels run.
 */
package org.mlp4j.kernels;
