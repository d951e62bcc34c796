import { Link } from 'react-router';
import { EmptyState, ErrorState, LoadingState } from '../../components/QueryStates';
import { useRecipes } from '../../queries/automations';

/** Ready-made automations; "Use" opens the builder filled with the recipe, saved only when you say. */
export function RecipeList() {
  const recipes = useRecipes();

  return (
    <section aria-labelledby="recipes-heading">
      <h2 id="recipes-heading">New from a recipe</h2>
      {recipes.isPending ? <LoadingState label="Loading recipes…" /> : null}
      {recipes.isError ? <ErrorState error={recipes.error} /> : null}
      {recipes.data?.length === 0 ? <EmptyState>No recipes.</EmptyState> : null}
      <ul className="card-list">
        {recipes.data?.map((recipe) => (
          <li key={recipe.id}>
            <article className="panel" aria-labelledby={`recipe-${recipe.id}`}>
              <h3 id={`recipe-${recipe.id}`}>{recipe.name}</h3>
              <p>{recipe.description}</p>
              <p className="muted">{recipe.automation.actions.length} steps</p>
              <Link
                className="button"
                to={`/automations/new?recipe=${encodeURIComponent(recipe.id)}`}
                aria-label={`Use this recipe: ${recipe.name}`}
              >
                Use this recipe
              </Link>
            </article>
          </li>
        ))}
      </ul>
    </section>
  );
}
