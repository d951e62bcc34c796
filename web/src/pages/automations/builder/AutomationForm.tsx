import { useRef, useState, type FormEvent } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { ApiError, errorMessage } from '../../../api/api-error';
import { messagesWithin } from '../../../api/issues';
import { FieldMessages, invalidProps } from '../../../components/FieldMessages';
import { useFocusAfterRender } from '../../../components/use-focus-after-render';
import { useSaveAutomation } from '../../../queries/automations';
import type { Draft } from './automation-draft';
import { ErrorSummary } from './ErrorSummary';
import { NO_ISSUES, sortIssues, type FormIssues } from './form-issues';
import { StepList } from './StepList';
import { TriggerFieldset } from './TriggerFieldset';

interface AutomationFormProps {
  initial: Draft;
  automationId?: string;
  version?: number;
}

interface SavedState {
  savedVersion?: number;
}

export function AutomationForm({ initial, automationId, version }: AutomationFormProps) {
  const [draft, setDraft] = useState<Draft>(initial);
  const [issues, setIssues] = useState<FormIssues>(NO_ISSUES);
  const [previewAppointmentId, setPreviewAppointmentId] = useState('');
  const save = useSaveAutomation();
  const navigate = useNavigate();
  const location = useLocation();
  const summary = useRef<HTMLDivElement>(null);
  const focusAfterRender = useFocusAfterRender();
  const savedVersion = (location.state as SavedState | null)?.savedVersion;

  const change = (next: Partial<Draft>) => setDraft((current) => ({ ...current, ...next }));

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const body: Draft = { ...draft, name: draft.name.trim() };
    save.mutate(
      { automationId, body },
      {
        onSuccess: (saved) => {
          setIssues(NO_ISSUES);
          void navigate(`/automations/${encodeURIComponent(saved.id)}`, {
            replace: true,
            state: { savedVersion: saved.version } satisfies SavedState,
          });
        },
        onError: (error) => {
          setIssues(error instanceof ApiError ? sortIssues(error.issues, body.actions) : NO_ISSUES);
          focusAfterRender(() => summary.current);
        },
      },
    );
  };

  const nameMessages = messagesWithin(issues.top, 'name');
  const statusMessages = messagesWithin(issues.top, 'status');

  return (
    <form className="builder" onSubmit={submit} noValidate aria-label="Automation">
      {savedVersion !== undefined && savedVersion === version && !save.isError ? (
        <p className="notice notice-success" role="status">
          Saved as version {savedVersion}. Runs already started keep the version they started with.
        </p>
      ) : null}
      <div ref={summary} tabIndex={-1} className="summary-anchor">
        {save.isError ? (
          <ErrorSummary message={errorMessage(save.error)} issues={issues} actions={draft.actions} />
        ) : null}
      </div>

      <section className="panel" aria-labelledby="basics-heading">
        <h2 id="basics-heading">Name and status</h2>
        <div className="field-row">
          <div className="field field-grow">
            <label htmlFor="automation-name">Name</label>
            <input
              id="automation-name"
              type="text"
              value={draft.name}
              onChange={(event) => change({ name: event.target.value })}
              {...invalidProps('automation-name-messages', nameMessages)}
            />
            <FieldMessages id="automation-name-messages" messages={nameMessages} />
          </div>
          <div className="field">
            <label htmlFor="automation-status">Status</label>
            <select
              id="automation-status"
              value={draft.status}
              onChange={(event) => change({ status: event.target.value === 'published' ? 'published' : 'draft' })}
              {...invalidProps('automation-status-messages', statusMessages)}
            >
              <option value="draft">Draft: does not run</option>
              <option value="published">Published: runs on matching appointments</option>
            </select>
            <FieldMessages id="automation-status-messages" messages={statusMessages} />
          </div>
        </div>
        {version !== undefined ? (
          <p className="muted">
            Version {version}; saving makes version {version + 1}.
          </p>
        ) : null}
      </section>

      <TriggerFieldset trigger={draft.trigger} issues={issues.top} onChange={(trigger) => change({ trigger })} />

      <StepList
        actions={draft.actions}
        issues={issues}
        previewAppointmentId={previewAppointmentId.trim()}
        onPreviewAppointmentIdChange={setPreviewAppointmentId}
        onChange={(actions) => change({ actions })}
      />

      <div className="actions save-actions">
        <button type="submit" className="button-primary" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : automationId ? 'Save changes' : 'Create automation'}
        </button>
      </div>
    </form>
  );
}
