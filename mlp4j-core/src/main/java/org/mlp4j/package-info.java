/**
 * The entry points: {@link org.mlp4j.MultilayerPerceptron} trains a network (the article's class, method
 * for method, plus training by a recipe's plan) and saves it; {@link org.mlp4j.Model} loads a saved model and classifies
 * raw examples, thread-safely; {@link org.mlp4j.Prediction} is one answer; {@link
 * org.mlp4j.InvalidInputException} is every user mistake, naming its field.
 */
package org.mlp4j;
