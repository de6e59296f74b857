// The rule runWrite (src/commands/run.ts) applies before every write, in plain Node: which writes ask
// in a modal, what the modal says, and which answers let the write be sent.
import assert from 'node:assert/strict';
import { confirmationBefore, writeAllowed, type Confirmation } from '../../../src/model/writeConfirmation';

const DELETE: Confirmation = {
  message: 'Delete the invite for “ada@example.com”?',
  detail: 'reader · pending\ninvite-abc\n\nThe invitation link stops working.',
  button: 'Delete Invite',
};

describe('confirmation before a write', () => {
  it('a destructive write asks on its first attempt, with its own question, detail and one button', () => {
    assert.deepEqual(confirmationBefore(DELETE, 'first'), DELETE);
  });

  it('Retry after a failure sends the write the admin already confirmed without asking again', () => {
    assert.equal(confirmationBefore(DELETE, 'retry'), undefined);
  });

  it('a write that declares no confirmation (create, rename, role change) is sent at once', () => {
    assert.equal(confirmationBefore(undefined, 'first'), undefined);
    assert.equal(writeAllowed(undefined, undefined), true);
  });

  it('only the modal\'s own button sends; Cancel, Escape or closing it sends nothing', () => {
    const modal = confirmationBefore(DELETE, 'first');
    assert.equal(writeAllowed(modal, 'Delete Invite'), true);
    for (const answer of [undefined, 'Cancel', 'delete invite', 'Delete', '']) assert.equal(writeAllowed(modal, answer), false, String(answer));
  });
});
