/**
 * Update rules, kept apart from the loss: plain SGD (the article's), momentum, Nesterov, Adam and AdamW,
 * with L2, decoupled weight decay and gradient clipping ({@link org.mlp4j.sgd.optim.OptimizerSettings}
 * says which; {@link org.mlp4j.sgd.optim.Optimizer} applies it).
 */
package org.mlp4j.sgd.optim;
