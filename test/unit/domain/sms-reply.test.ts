import { smsReplyOf } from '../../../src/domain/sms-reply';

test.each([
  ['C', 'confirm'],
  ['c', 'confirm'],
  ['Y', 'confirm'],
  [' yes ', 'confirm'],
  ['Yes\n', 'confirm'],
  ['STOP', 'opt_out'],
  ['stop', 'opt_out'],
  ['Unsubscribe', 'opt_out'],
  ['cancel', 'opt_out'],
  ['END', 'opt_out'],
  [' quit', 'opt_out'],
  ['START', 'opt_in'],
  ['Start ', 'opt_in'],
])('%j asks to %s', (body, intent) => {
  expect(smsReplyOf(body)).toEqual({ keyword: body.trim().toUpperCase(), intent });
});

test.each([[''], ['   '], ['hello'], ['yes please'], ['C.'], ['stop it'], ['YESS'], ['no']])(
  '%j asks for nothing',
  (body) => {
    expect(smsReplyOf(body)).toBeUndefined();
  },
);
