// "as of 10:42": time only today, the date on other days, in the locale given (12- or 24-hour as it writes it).
import assert from 'node:assert/strict';
import { formatAsOf } from '../../../src/model/asOf';

describe('model: "as of" read times', () => {
  const at = new Date(2026, 11, 7, 10, 42, 30).getTime(); // local time, as the user sees it
  const sameDay = new Date(2026, 11, 7, 17, 5).getTime();

  it('says the time alone for data read today, as the locale writes it', () => {
    assert.equal(formatAsOf(at, { now: sameDay, locale: 'en-GB' }), 'as of 10:42');
    assert.match(formatAsOf(at, { now: sameDay, locale: 'en-US' })!, /^as of 10:42\sAM$/);
    assert.equal(formatAsOf(new Date(2026, 11, 7, 15, 7).getTime(), { now: sameDay, locale: 'de-DE' }), 'as of 15:07');
  });

  it('adds the date for data read on another day, and the year for another year', () => {
    assert.equal(formatAsOf(at, { now: new Date(2026, 11, 8, 9, 0).getTime(), locale: 'en-GB' }), 'as of 7 Dec, 10:42');
    assert.match(formatAsOf(at, { now: new Date(2027, 0, 2).getTime(), locale: 'en-GB' })!, /^as of 7 Dec 2026,? 10:42$/);
  });

  it('is undefined when nothing was read, and survives a malformed locale', () => {
    assert.equal(formatAsOf(undefined), undefined);
    assert.match(formatAsOf(at, { now: sameDay, locale: 'not a locale!' })!, /^as of .*42/);
  });
});
