/**
 * What a contact's SMS reply asks for (PRODUCT.md "Two-way SMS"): a confirmation of their next
 * appointment, or to stop or restart SMS. The keyword is the whole text, trimmed, in any case; a
 * sentence that merely contains one ("yes, but later") asks for nothing.
 */

export type SmsReplyIntent = 'confirm' | 'opt_out' | 'opt_in';

/** The keywords of each intent; STOP and its synonyms are the ones carriers and Twilio honour. */
export const SMS_REPLY_KEYWORDS = {
  confirm: ['C', 'Y', 'YES'],
  opt_out: ['STOP', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT'],
  opt_in: ['START'],
} as const satisfies Record<SmsReplyIntent, readonly string[]>;

export interface SmsReply {
  /** the keyword as we read it: upper case */
  keyword: string;
  intent: SmsReplyIntent;
}

/** The reply's keyword and intent, or undefined when the text is no keyword. */
export function smsReplyOf(body: string): SmsReply | undefined {
  const keyword = body.trim().toUpperCase();
  for (const [intent, keywords] of Object.entries(SMS_REPLY_KEYWORDS) as [SmsReplyIntent, readonly string[]][]) {
    if (keywords.includes(keyword)) return { keyword, intent };
  }
  return undefined;
}
