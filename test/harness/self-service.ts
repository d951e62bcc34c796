/**
 * The contact's side of the self-service links: finding a link in a message as the contact receives
 * it, and using the page as a browser does (GET shows it, the form POSTs back, form-encoded, with no
 * key and no cookie).
 */
import type { ReceivedEmail } from '../fakes/smtp-fake';

export type PageAction = 'cancel' | 'confirm';

export interface PageAnswer {
  status: number;
  /** the HTML as sent */
  html: string;
  /** the page's visible text: tags dropped, the entities Handlebars writes decoded, blanks collapsed */
  text: string;
  headers: Headers;
}

/** The cancel or confirm link in an e-mail's text part. */
export function linkInEmail(email: ReceivedEmail, action: PageAction): string {
  const match = new RegExp(`https?://[^\\s"<>]+/a/[^/\\s"<>]+/${action}(?![\\w-])`).exec(email.text ?? '');
  if (!match) throw new Error(`no ${action} link in the e-mail "${email.subject}": ${email.text}`);
  return match[0];
}

/** The e-mails the SMTP fake received for one appointment (the engine names it in X-Appointment-Id). */
export function emailsOf(messages: readonly ReceivedEmail[], appointmentId: string): ReceivedEmail[] {
  return messages.filter((message) => message.headers['x-appointment-id'] === appointmentId);
}

/** GET the page, as a browser following the link. */
export function openPage(url: string, method: 'GET' | 'HEAD' = 'GET'): Promise<PageAnswer> {
  return pageAnswer(fetch(url, { method, headers: { accept: 'text/html' }, redirect: 'manual' }));
}

/** POST the page's form, as a browser does when its button is pressed (the form has no fields); `headers` are added. */
export function submitPage(url: string, headers: Record<string, string> = {}): Promise<PageAnswer> {
  return pageAnswer(
    fetch(url, {
      method: 'POST',
      headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: '',
      redirect: 'manual',
    }),
  );
}

/** The same link with its token replaced. */
export function withToken(url: string, token: string): string {
  return url.replace(/\/a\/[^/]+\//, `/a/${token}/`);
}

export function tokenOf(url: string): string {
  const token = /\/a\/([^/]+)\//.exec(url)?.[1];
  if (!token) throw new Error(`no token in ${url}`);
  return token;
}

async function pageAnswer(response: Promise<Response>): Promise<PageAnswer> {
  const answered = await response;
  const html = await answered.text();
  return { status: answered.status, html, text: visibleText(html), headers: answered.headers };
}

// The entities Handlebars' escapeExpression writes, and nothing else.
const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#x27;': "'",
  '&#x60;': '`',
  '&#x3D;': '=',
};

function visibleText(html: string): string {
  const body = html.replace(/<head>[\s\S]*<\/head>/i, '');
  return body
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(?:amp|lt|gt|quot|#x27|#x60|#x3D);/g, (entity) => ENTITIES[entity] ?? entity)
    .replace(/\s+/g, ' ')
    .trim();
}
