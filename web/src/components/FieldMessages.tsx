/**
 * The API's messages for one form field, referenced by the field's aria-describedby. `announce`
 * makes a screen reader read them out when they appear (for a form with no error summary).
 */
export function FieldMessages({
  id,
  messages,
  announce = false,
}: {
  id: string;
  messages: readonly string[];
  announce?: boolean;
}) {
  const list =
    messages.length === 0 ? null : (
      <ul className="field-messages" id={id}>
        {messages.map((message) => (
          <li key={message}>{message}</li>
        ))}
      </ul>
    );
  return announce ? <div role="alert">{list}</div> : list;
}

/** The aria attributes of a field with these messages shown under it. */
export function invalidProps(messagesId: string, messages: readonly string[]) {
  return messages.length > 0 ? { 'aria-invalid': true as const, 'aria-describedby': messagesId } : {};
}
