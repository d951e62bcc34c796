/**
 * The contact's self-service pages (`/a/{token}/cancel`, `/a/{token}/confirm`): small, server-rendered
 * HTML that works on a phone and without JavaScript. Values are escaped by Handlebars; the page
 * runs no script at all, and its one stylesheet is inline under a CSP that allows exactly that
 * stylesheet (by its hash) and forms that post back here.
 */
import { createHash } from 'node:crypto';
import Handlebars from 'handlebars';
import type { FastifyReply } from 'fastify';
import { UNKNOWN_LINK, type LinkRefusal } from '../../self-service/link-state';

/** What a page shows: a heading, the appointment when known, a sentence, and the one button when it asks. */
export interface SelfServicePage {
  status: number;
  heading: string;
  sentence: string;
  appointment?: { title: string; when: string; timezone: string; host: string | null };
  /** a form posting back to this URL, with this button */
  button?: string;
}

const STYLE = [
  ':root{color-scheme:light dark;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.5}',
  'body{margin:0;padding:1.5rem 1rem;display:flex;justify-content:center}',
  'main{width:100%;max-width:28rem}',
  'h1{font-size:1.4rem;margin:0 0 1rem}',
  'dl{margin:0 0 1rem;padding:1rem;border:1px solid #8885;border-radius:.5rem}',
  'dt{font-size:.85rem;opacity:.75}dd{margin:0 0 .5rem}dd:last-child{margin:0}',
  'button{width:100%;padding:.9rem;font-size:1.05rem;border:0;border-radius:.5rem;background:#1d4ed8;color:#fff;cursor:pointer}',
  'button:focus-visible{outline:3px solid #93c5fd;outline-offset:2px}',
].join('');

/** No script, nothing from elsewhere, this stylesheet only, forms only back to this origin, no framing. */
export const SELF_SERVICE_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`,
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

const pages = Handlebars.create();
const template = pages.compile<SelfServicePage & { style: string }>(
  `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>{{heading}}</title>
<style>{{{style}}}</style>
</head>
<body>
<main>
<h1>{{heading}}</h1>
{{#if appointment}}
<dl>
<dt>Appointment</dt><dd>{{appointment.title}}</dd>
<dt>When</dt><dd>{{appointment.when}} ({{appointment.timezone}})</dd>
{{#if appointment.host}}<dt>With</dt><dd>{{appointment.host}}</dd>{{/if}}
</dl>
{{/if}}
<p>{{sentence}}</p>
{{#if button}}
<form method="post"><button type="submit">{{button}}</button></form>
{{/if}}
</main>
</body>
</html>
`,
  { strict: false },
);

export function renderSelfServicePage(page: SelfServicePage): string {
  return template({ ...page, style: STYLE });
}

/** Sends the page with its own policy; never cached (it shows the appointment as it is now). */
export function sendSelfServicePage(reply: FastifyReply, page: SelfServicePage): FastifyReply {
  return reply
    .status(page.status)
    .header('content-security-policy', SELF_SERVICE_CSP)
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(renderSelfServicePage(page));
}

/** The page of a link that does not work: 404 when it leads nowhere, 410 when it no longer works. */
export function refusalPage(refusal: LinkRefusal, appointment?: SelfServicePage['appointment']): SelfServicePage {
  return {
    status: refusal.status,
    heading: refusal.status === 404 ? 'This link is not valid' : 'This link no longer works',
    sentence: refusal.reason,
    ...(appointment ? { appointment } : {}),
  };
}

/** Answers a path under /a/ that no page route matches (an unknown page, a token longer than a route takes). */
export function sendUnknownLinkPage(reply: FastifyReply): FastifyReply {
  return sendSelfServicePage(reply, refusalPage(UNKNOWN_LINK));
}
