/**
 * Recipes: the table of hyper-parameters, each declared once with its type, built-in value and allowed
 * values ({@link org.mlp4j.recipe.Hyperparameter}); a run's values with where each came from ({@link
 * org.mlp4j.recipe.Recipe}), the named recipes shipped with mlp4j, and the {@link
 * org.mlp4j.recipe.TrainingPlan} a recipe becomes, which builds the network and trains it ({@link
 * org.mlp4j.recipe.EpochTimer} times its steps alone). A recipe is the one training configuration of the
 * API. The command line's flags, recipe files, the Spark estimator's params and the recipe recorded with a
 * run all come from the one table, and its built-in values are the {@code default} recipe's.
 */
package org.mlp4j.recipe;
