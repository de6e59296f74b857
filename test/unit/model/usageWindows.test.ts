// Planning a usage query's pages as time windows (src/model/usage/windows.ts).
import assert from 'node:assert/strict';
import { pageWindows } from '../../../src/model/usage/windows';

const DAY = 86_400;
const START = 1_700_000_000 - (1_700_000_000 % DAY);

describe('usage model: page windows', () => {
  it('splits a range into consecutive windows of one page each, keeping the rest of the query', () => {
    const query = { start_time: START, end_time: START + 91 * DAY, bucket_width: '1d', group_by: ['model'], models: ['gpt-4o'] };
    const windows = pageWindows('completions', query);
    assert.deepEqual(windows.map((w) => [w.start_time, w.end_time]), [
      [START, START + 31 * DAY], [START + 31 * DAY, START + 62 * DAY], [START + 62 * DAY, START + 91 * DAY],
    ]);
    for (const w of windows) assert.deepEqual({ ...w, start_time: 0, end_time: 0 }, { ...query, start_time: 0, end_time: 0 });
  });

  it('uses each width\'s page size: 1,440 minutes, 168 hours, 180 days for costs', () => {
    assert.equal(pageWindows('completions', { start_time: START, end_time: START + 2 * DAY, bucket_width: '1m' }).length, 2);
    assert.equal(pageWindows('completions', { start_time: START, end_time: START + DAY, bucket_width: '1m' }).length, 1);
    assert.equal(pageWindows('embeddings', { start_time: START, end_time: START + 7 * DAY + 3_600, bucket_width: '1h' }).length, 2);
    assert.equal(pageWindows('costs', { start_time: START, end_time: START + 91 * DAY, bucket_width: '1d' }).length, 1);
  });

  it('leaves a query whole when it has no end, a cursor, or starts off a bucket boundary', () => {
    const long = { start_time: START, end_time: START + 91 * DAY, bucket_width: '1d' };
    assert.equal(pageWindows('completions', { start_time: START, bucket_width: '1d' }).length, 1);
    assert.equal(pageWindows('completions', { ...long, page: 'cursor' }).length, 1);
    assert.equal(pageWindows('completions', { ...long, start_time: START + 3_600 }).length, 1);
  });
});
