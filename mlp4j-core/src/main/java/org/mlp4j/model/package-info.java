/**
 * The model: a {@link org.mlp4j.model.Network} of float32 parameters, its {@link
 * org.mlp4j.model.Activation}s, {@link org.mlp4j.model.Cost}s and {@link org.mlp4j.model.Init}ialisations,
 * the {@link org.mlp4j.model.Loss} (equation (1) of the article), and the double-precision {@link
 * org.mlp4j.model.ReferenceNetwork} that spells out backpropagation, equations (1) to (3), one example at
 * a time.
 */
package org.mlp4j.model;
