import { ApiError, errorMessage } from '../../../api/api-error';
import type { TemplatePreviewInput } from '../../../api/api-types';
import { useDebouncedValue } from '../../../components/use-debounced-value';
import { useTemplatePreview } from '../../../queries/automations';
import { previewInput, type MessageAction } from './preview-input';

/**
 * The step's message as the server renders it for a send (same templates, same merge data), with
 * a sample appointment or a real one. E-mail HTML shows in a sandboxed frame: no script, no form,
 * no navigation can come out of a template.
 */
export function MessagePreview({ action, appointmentId }: { action: MessageAction; appointmentId: string }) {
  // Debounced as text: a new object each render would never settle.
  const settled = useDebouncedValue(JSON.stringify(previewInput(action, appointmentId)), 400);
  const preview = useTemplatePreview(JSON.parse(settled) as TemplatePreviewInput);
  const headingId = `preview-${action.id}`;
  const issues = preview.error instanceof ApiError ? preview.error.issues : [];

  return (
    <section className="preview" aria-label={`Preview of step ${action.id}`} aria-busy={preview.isFetching}>
      <h4 id={headingId}>
        Preview{appointmentId ? ` with appointment ${appointmentId}` : ' with a sample appointment'}
      </h4>
      {preview.isPending && !preview.data ? <p className="loading">Rendering…</p> : null}
      {preview.isError ? (
        <div className="notice notice-error" role="status">
          <p>{errorMessage(preview.error)}</p>
          {issues.length > 0 ? (
            <ul>
              {issues.map((issue) => (
                <li key={`${issue.path}:${issue.message}`}>
                  <code>{issue.path}</code>: {issue.message}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {preview.data && !preview.isError ? (
        <div className="preview-body">
          {preview.data.subject !== undefined ? (
            <p className="preview-subject">
              <strong>Subject:</strong> {preview.data.subject}
            </p>
          ) : null}
          {preview.data.html !== undefined ? <p className="preview-part">HTML</p> : null}
          {preview.data.html !== undefined ? (
            <iframe
              className="preview-frame"
              title={`HTML of step ${action.id}, rendered`}
              sandbox=""
              srcDoc={preview.data.html}
            />
          ) : null}
          {preview.data.text !== undefined ? (
            <>
              <p className="preview-part">Plain text</p>
              <pre className="preview-text">{preview.data.text}</pre>
            </>
          ) : null}
          {preview.data.body !== undefined ? <pre className="preview-text">{preview.data.body}</pre> : null}
        </div>
      ) : null}
    </section>
  );
}
