/**
 * Recipes: every hyper-parameter of a run by name ({@link org.mlp4j.recipe.Recipe}), the named recipes
 * shipped with mlp4j, and the {@link org.mlp4j.recipe.TrainingPlan} a recipe becomes. The command line and
 * the library share them.
 */
package org.mlp4j.recipe;
