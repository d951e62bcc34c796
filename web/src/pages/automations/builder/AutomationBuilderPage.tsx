import { Link, useParams, useSearchParams } from 'react-router';
import { PageTitle } from '../../../components/PageTitle';
import { ErrorState, LoadingState } from '../../../components/QueryStates';
import { useAutomation, useRecipes } from '../../../queries/automations';
import { AutomationForm } from './AutomationForm';
import { blankDraft, type Draft } from './automation-draft';

/** `/automations/new` (blank, or `?recipe=<id>`) and `/automations/:automationId`. */
export function AutomationBuilderPage() {
  const { automationId } = useParams();
  const [searchParams] = useSearchParams();
  const recipeId = automationId ? null : searchParams.get('recipe');
  const automation = useAutomation(automationId);
  const recipes = useRecipes();

  let body;
  if (automationId) {
    if (automation.isPending) body = <LoadingState label="Loading the automation…" />;
    else if (automation.isError) body = <ErrorState error={automation.error} />;
    else {
      const { name, status, trigger, actions } = automation.data;
      body = (
        <AutomationForm
          // a new version from the server (after a save) starts a fresh form
          key={`${automation.data.id}@${automation.data.version}`}
          automationId={automation.data.id}
          version={automation.data.version}
          initial={{ name, status, trigger, actions }}
        />
      );
    }
  } else if (recipeId) {
    if (recipes.isPending) body = <LoadingState label="Loading the recipe…" />;
    else if (recipes.isError) body = <ErrorState error={recipes.error} />;
    else {
      const recipe = recipes.data.find((candidate) => candidate.id === recipeId);
      body = recipe ? (
        <AutomationForm key={recipe.id} initial={{ ...recipe.automation, status: 'draft' } satisfies Draft} />
      ) : (
        <p className="notice notice-error" role="alert">
          There is no recipe {recipeId}. <Link to="/automations">Back to the automations</Link>.
        </p>
      );
    }
  } else {
    body = <AutomationForm key="blank" initial={blankDraft()} />;
  }

  return (
    <>
      <p className="breadcrumb">
        <Link to="/automations">Automations</Link>
      </p>
      <PageTitle>{automationId ? 'Edit automation' : 'New automation'}</PageTitle>
      {body}
    </>
  );
}
