/** The end of an edit form: the API's messages that name no field, then Save and Cancel. */
export function SaveOrCancel({
  messages = [],
  saving,
  saveLabel = 'Save',
  onCancel,
}: {
  messages?: readonly string[];
  saving: boolean;
  saveLabel?: string;
  onCancel: () => void;
}) {
  return (
    <>
      {messages.length > 0 ? (
        <ul className="notice notice-error" role="alert">
          {messages.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      ) : null}
      <div className="actions">
        <button type="submit" className="button-primary" disabled={saving}>
          {saving ? 'Saving…' : saveLabel}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </>
  );
}
