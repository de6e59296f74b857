// Fault matrix for writes: every write the commands and the Project panel send, each under each
// fault once. A POST is repeated only when the first try provably did nothing (429); otherwise the
// admin gets a clear error and the server saw exactly one request, so nothing is ever created
// twice. A DELETE is idempotent and retried; when its first try did delete (only the answer was
// lost), the retry's 404 is that same success, not an error.
import assert from 'node:assert/strict';
import { AdminApiError } from '../../../src/api';
import { describeError } from '../../../src/model/describeError';
import { clientFor, useFakeApi } from '../api/helpers/fake';
import { CLEAR_ERROR, FAULT_CLIENT, FAULTS, watchUnhandledRejections, type FaultCase } from './helpers/faults';
import { WRITES, type Ctx, type WriteOp } from './helpers/writes';

type Outcome = { ok: true } | { ok: false; error: unknown };

describe('fault matrix: every write the commands and panels send, under every fault (fake Admin API)', function () {
  this.timeout(60_000);
  const fake = useFakeApi({ projects: 6, users: 300, seed: 8 });
  const unhandled = watchUnhandledRejections();
  let pool: string[] = [];
  const nextUser = () => {
    const id = pool.shift();
    if (!id) throw new Error('the fake has too few readers for the write matrix');
    return id;
  };

  before(() => {
    pool = fake().state.users.values().filter((u) => u.role === 'reader' && !u.is_default).map((u) => u.id);
  });

  async function run(ops: { op: WriteOp; x: Ctx }[], rule: FaultCase['rule']): Promise<{ outcome: Outcome; sent: number }[]> {
    fake().faults.add(ops.map(({ op, x }) => ({ method: op.method, path: `^${op.path(x)}`, ...rule, times: 1 })));
    const since = fake().requests.length;
    const client = clientFor(fake(), FAULT_CLIENT);
    const outcomes = await Promise.all(ops.map(({ op, x }) => op.call(client, x).then((): Outcome => ({ ok: true }), (error: unknown): Outcome => ({ ok: false, error }))));
    fake().faults.clear();
    const sent = fake().requests.slice(since);
    return ops.map(({ op, x }, i) => ({
      outcome: outcomes[i]!,
      sent: sent.filter((r) => r.method === op.method && new RegExp(`^${op.path(x)}`).test(r.path)).length,
    }));
  }

  for (const fault of FAULTS) {
    it(`${fault.name}: POSTs ${fault.retriedForPost ? 'retried once and applied once' : 'sent once, a clear error'}; DELETEs ${fault.retriedForGet ? 'retried and done' : 'sent once, a clear error'}`, async () => {
      const setupClient = clientFor(fake());
      const all = await Promise.all(WRITES.map(async (op) => ({ op, x: await op.setup(setupClient, fake(), nextUser) })));
      const results = [
        ...await run(all.filter((w) => !w.op.late), fault.rule),
        ...await run(all.filter((w) => w.op.late), fault.rule),
      ];
      const ordered = [...all.filter((w) => !w.op.late), ...all.filter((w) => w.op.late)];
      const problems: string[] = [];
      ordered.forEach(({ op, x }, i) => {
        const { outcome, sent } = results[i]!;
        const retried = op.method === 'POST' ? fault.retriedForPost : fault.retriedForGet;
        const what = `${op.name}: ${outcome.ok ? 'succeeded' : describeError(outcome.error)} after ${sent} request(s)`;
        if (retried) {
          if (!outcome.ok || sent !== 2) problems.push(`${what}; expected success after one retry`);
        } else {
          if (outcome.ok || sent !== 1) problems.push(`${what}; expected one request and an error`);
          else if (!(outcome.error instanceof AdminApiError) || !CLEAR_ERROR.test(describeError(outcome.error))) problems.push(`${what}; the error is not clear`);
        }
        if (op.made) {
          const made = op.made(fake(), x);
          const expected = outcome.ok || fault.afterHandler ? 1 : 0;
          if (made !== expected) problems.push(`${op.name}: made ${made} object(s), expected ${expected}`);
        }
      });
      assert.deepEqual(problems, []);
      assert.deepEqual(unhandled(), []);
    });
  }
});
