/**
 * The training engine: a minibatch's forward pass, backpropagation and update as float32 matrix products
 * ({@link org.mlp4j.engine.BatchedBackprop}), the forward pass alone ({@link org.mlp4j.engine.Inference}),
 * dropout masks and max-norm, a minibatch ({@link org.mlp4j.engine.Batch}) and its image distortions
 * ({@link org.mlp4j.engine.Augmentation}). It sits below {@code sgd} and {@code eval}, which drive it, and above
 * {@code model}, {@code data} and {@code math}, which it uses; it calls the optimizer through the
 * {@link org.mlp4j.engine.UpdateRule} it defines, so it imports nothing from above. Not exported by the
 * module.
 */
package org.mlp4j.engine;
