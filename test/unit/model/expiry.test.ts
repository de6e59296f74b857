import assert from 'node:assert/strict';
import { checkExpiryDays, daysToSeconds, EXPIRING_SOON_SECONDS, expiryDaysToSeconds, keyExpiry, MAX_EXPIRY_SECONDS } from '../../../src/model/expiry';

const NOW = Date.UTC(2026, 11, 7, 12, 0, 0);
const now = NOW / 1000;
const DAY = 86400;
const PANEL_NOW = 1_800_000_000;

describe('API key expiry', () => {
  it('reads "never expires" for null and absent expiry', () => {
    assert.deepEqual(keyExpiry(null, NOW), { state: 'never', text: 'never expires' });
    assert.deepEqual(keyExpiry(undefined, NOW), { state: 'never', text: 'never expires' });
  });

  it('counts days, never weeks or months: "expires in 12 days"', () => {
    assert.equal(keyExpiry(now + 12 * DAY, NOW).text, 'expires in 12 days');
    assert.equal(keyExpiry(now + 12 * DAY + 11 * 3600, NOW).text, 'expires in 12 days');
    assert.equal(keyExpiry(now + 12 * DAY + 13 * 3600, NOW).text, 'expires in 13 days');
    assert.equal(keyExpiry(now + 364 * DAY, NOW).text, 'expires in 364 days');
    assert.equal(keyExpiry(now + 364 * DAY + 11 * 3600, NOW).text, 'expires in 364 days');
    assert.equal(keyExpiry(now + 365 * DAY - 2, NOW).text, 'expires in 1 year');
    assert.equal(keyExpiry(now + 365 * DAY, NOW).text, 'expires in 1 year');
  });

  it('reads "30 days" for a key just given 30 days, a second or two ago', () => {
    assert.equal(keyExpiry(now + 30 * DAY - 2, NOW).text, 'expires in 30 days');
    assert.equal(keyExpiry(now + 30 * DAY - 2, NOW).state, 'valid');
  });

  it('says "expired N days ago" once the moment has passed', () => {
    assert.deepEqual(keyExpiry(now - 3 * DAY, NOW), { state: 'expired', text: 'expired 3 days ago' });
    assert.equal(keyExpiry(now - DAY, NOW).text, 'expired 1 day ago');
    assert.equal(keyExpiry(now - 3 * DAY + 3600, NOW).text, 'expired 3 days ago');
    assert.equal(keyExpiry(now - 2 * 365 * DAY, NOW).text, 'expired 2 years ago');
  });

  it('is expired at its expiry second, not a second later', () => {
    assert.deepEqual(keyExpiry(now, NOW), { state: 'expired', text: 'expired just now' });
    assert.equal(keyExpiry(now - 59, NOW).text, 'expired just now');
    assert.equal(keyExpiry(now - 60, NOW).text, 'expired 1 minute ago');
    assert.deepEqual(keyExpiry(now + 1, NOW), { state: 'soon', text: 'expires in less than a minute' });
  });

  it('rounds within a unit, and moves up a unit when it rounds to a whole one', () => {
    assert.equal(keyExpiry(now + 60, NOW).text, 'expires in 1 minute');
    assert.equal(keyExpiry(now + 89, NOW).text, 'expires in 1 minute');
    assert.equal(keyExpiry(now + 90, NOW).text, 'expires in 2 minutes');
    assert.equal(keyExpiry(now + 59 * 60 + 29, NOW).text, 'expires in 59 minutes');
    assert.equal(keyExpiry(now + 3599, NOW).text, 'expires in 1 hour');
    assert.equal(keyExpiry(now + 3600, NOW).text, 'expires in 1 hour');
    assert.equal(keyExpiry(now + 23 * 3600 + 29 * 60, NOW).text, 'expires in 23 hours');
    assert.equal(keyExpiry(now + DAY - 1, NOW).text, 'expires in 1 day');
    assert.equal(keyExpiry(now + DAY, NOW).text, 'expires in 1 day');
    assert.equal(keyExpiry(now + 2 * DAY, NOW).text, 'expires in 2 days');
  });

  it('flags keys expiring within 7 days as "soon", and not a second more', () => {
    assert.equal(EXPIRING_SOON_SECONDS, 7 * DAY);
    assert.equal(keyExpiry(now + 7 * DAY, NOW).state, 'soon');
    assert.equal(keyExpiry(now + 7 * DAY + 1, NOW).state, 'valid');
    assert.equal(keyExpiry(now + 90 * DAY, NOW).state, 'valid');
  });

  it('takes 1 to 365 whole days, the range of expires_in_seconds', () => {
    for (const ok of ['1', '30', ' 365 ']) assert.equal(checkExpiryDays(ok), undefined, ok);
    for (const bad of ['', '0', '366', '1.5', '-3', '30d', 'ten']) assert.ok(checkExpiryDays(bad), `accepted ${JSON.stringify(bad)}`);
    assert.equal(daysToSeconds(1), DAY);
    assert.equal(daysToSeconds(365), MAX_EXPIRY_SECONDS);
    assert.throws(() => daysToSeconds(366), RangeError);
    assert.throws(() => daysToSeconds(0), RangeError);
    assert.equal(checkExpiryDays('30'), undefined);
    assert.equal(checkExpiryDays(' 365 '), undefined);
    assert.match(checkExpiryDays('0')!, /at least 1 day/);
    assert.match(checkExpiryDays('366')!, /at most 365 days/);
    assert.match(checkExpiryDays('400')!, /1 to 365 days/, 'the command\'s input box says the range too');
    for (const bad of ['', '1.5', '-3', '3d', '1e2']) assert.match(checkExpiryDays(bad)!, /whole number from 1 to 365/, bad);
    assert.equal(expiryDaysToSeconds('365'), 31_536_000, 'the API maximum');
    assert.equal(expiryDaysToSeconds('1'), 86_400);
    assert.throws(() => expiryDaysToSeconds('0'), RangeError);
  });

  it('words the Project panel\'s cases the same (its clock is in seconds)', () => {
    assert.deepEqual(keyExpiry(null, PANEL_NOW * 1000), { state: 'never', text: 'never expires' });
    assert.deepEqual(keyExpiry(undefined, PANEL_NOW * 1000), { state: 'never', text: 'never expires' });
    assert.deepEqual(keyExpiry(PANEL_NOW + 12 * DAY + 3600, PANEL_NOW * 1000), { state: 'valid', text: 'expires in 12 days' });
    assert.deepEqual(keyExpiry(PANEL_NOW + 7 * DAY, PANEL_NOW * 1000), { state: 'soon', text: 'expires in 7 days' });
    assert.deepEqual(keyExpiry(PANEL_NOW + DAY, PANEL_NOW * 1000), { state: 'soon', text: 'expires in 1 day' });
    assert.deepEqual(keyExpiry(PANEL_NOW + 30 * DAY - 90, PANEL_NOW * 1000), { state: 'valid', text: 'expires in 30 days' }, 'a key set to 30 days a moment ago');
    assert.deepEqual(keyExpiry(PANEL_NOW + 5 * 3600 + 10, PANEL_NOW * 1000), { state: 'soon', text: 'expires in 5 hours' });
    assert.deepEqual(keyExpiry(PANEL_NOW + 30, PANEL_NOW * 1000), { state: 'soon', text: 'expires in less than a minute' });
    assert.deepEqual(keyExpiry(PANEL_NOW, PANEL_NOW * 1000), { state: 'expired', text: 'expired just now' });
    assert.deepEqual(keyExpiry(PANEL_NOW - 3 * DAY - 60, PANEL_NOW * 1000), { state: 'expired', text: 'expired 3 days ago' });
    assert.deepEqual(keyExpiry(PANEL_NOW - 1 * DAY, PANEL_NOW * 1000), { state: 'expired', text: 'expired 1 day ago' });
    assert.equal(keyExpiry(PANEL_NOW + 20 * DAY, PANEL_NOW * 1000, 30 * DAY).state, 'soon', 'the threshold is a parameter');
  });
});
