/**
 * Evaluation: accuracy, the {@link org.mlp4j.eval.ConfusionMatrix} with per-class precision, recall and
 * F1, and the finite-difference {@link org.mlp4j.eval.GradientCheck} of backpropagation.
 */
package org.mlp4j.eval;
