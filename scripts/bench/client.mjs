// @ts-check
// Figure 1 — client overhead: every page of 10,000 organization users, with our client
// (`client.users.all()`) and with the official SDK (`for await … client.admin.organization.users.list`),
// at 0 ms and at 20 ms added latency. Both ask for 100 users a page (the API's maximum), so both make
// the same requests; the fake counts them. Rounds alternate which client goes first; the ratio is the
// median of the per-round ratios (each round measures both back to back).
import { median, spread } from './stats.mjs';
import { startBenchFake } from './fake.mjs';
import { SDK_LABEL, createSdk } from './sdk.mjs';

export async function figureClient({ quick, log }) {
  const { createAdminClient, closeSharedDispatchers } = await import('../../src/api');
  const USERS = quick ? 5_000 : 10_000;
  const rounds = { 0: quick ? 5 : 11, 20: quick ? 2 : 7 };
  const fake = await startBenchFake({ users: USERS, projects: 5 });
  try {
    const ours = createAdminClient({ apiKey: fake.adminKey, baseUrl: fake.url, env: {} });
    const sdk = createSdk(fake);
    const clients = {
      ours: async () => (await ours.users.all()).length,
      sdk: async () => {
        let n = 0;
        for await (const _user of sdk.admin.organization.users.list({ limit: 100 })) n++;
        return n;
      },
    };
    /** One timed listing: [ms, users, requests seen by the fake]. */
    const once = async (which) => {
      await fake.reset();
      const cpu0 = process.cpuUsage();
      const server0 = fake.cpuMs();
      const t0 = performance.now();
      const users = await clients[which]();
      const ms = performance.now() - t0;
      const cpu = process.cpuUsage(cpu0);
      const serverCpuMs = fake.cpuMs() - server0;
      const { total } = await fake.stats();
      if (users !== USERS) throw new Error(`${which} listed ${users} users, expected ${USERS}`);
      return { ms, cpuMs: (cpu.user + cpu.system) / 1000, serverCpuMs, requests: total };
    };

    const rows = [];
    for (const latency of [0, 20]) {
      await fake.setLatency(latency);
      await once('ours');
      await once('sdk'); // warm-up: connections, JIT
      const times = { ours: [], sdk: [] };
      const cpu = { ours: [], sdk: [] };
      const serverCpu = { ours: [], sdk: [] };
      const requests = { ours: new Set(), sdk: new Set() };
      const ratios = [];
      for (let round = 0; round < rounds[latency]; round++) {
        const order = round % 2 ? ['sdk', 'ours'] : ['ours', 'sdk'];
        const got = {};
        for (const which of order) {
          got[which] = await once(which);
          times[which].push(got[which].ms);
          cpu[which].push(got[which].cpuMs);
          serverCpu[which].push(got[which].serverCpuMs);
          requests[which].add(got[which].requests);
        }
        ratios.push(got.ours.ms / got.sdk.ms);
        log(`  figure 1, ${latency} ms, round ${round + 1}/${rounds[latency]}: ours ${got.ours.ms.toFixed(0)} ms (CPU ${got.ours.cpuMs.toFixed(0)}, fake ${got.ours.serverCpuMs.toFixed(0)}), SDK ${got.sdk.ms.toFixed(0)} ms (CPU ${got.sdk.cpuMs.toFixed(0)}, fake ${got.sdk.serverCpuMs.toFixed(0)})`);
      }
      const ratio = median(ratios);
      const budget = latency === 0 ? 0.6 : 1.0;
      const sameRequests = requests.ours.size === 1 && requests.sdk.size === 1 && [...requests.ours][0] === [...requests.sdk][0];
      rows.push({
        figure: '1',
        name: `List ${USERS.toLocaleString('en-US')} org users, ${latency} ms latency`,
        ours: `${median(times.ours).toFixed(0)} ms`,
        reference: `${median(times.sdk).toFixed(0)} ms (${SDK_LABEL})`,
        ratio: `${ratio.toFixed(2)}×`,
        budget: `≤ ${budget.toFixed(1)}×, same requests`,
        pass: ratio <= budget && sameRequests,
        why: ratio > budget ? `ratio ${ratio.toFixed(2)} > ${budget}` : sameRequests ? undefined : `requests differ: ours ${[...requests.ours]}, SDK ${[...requests.sdk]}`,
        detail: {
          ours: spread(times.ours), sdk: spread(times.sdk), ratios: ratios.map((r) => r.toFixed(2)).join(' '),
          'client CPU time per listing (this process, user + system)': `ours ${spread(cpu.ours)}, SDK ${spread(cpu.sdk)}`,
          'the fake\'s CPU time per listing (its process group; a client that waits for each page cannot list faster)': `during ours ${spread(serverCpu.ours)}, during the SDK's ${spread(serverCpu.sdk)}`,
          requests: `ours ${[...requests.ours].join('/')}, SDK ${[...requests.sdk].join('/')} per listing`,
        },
      });
    }
    return rows;
  } finally {
    await closeSharedDispatchers();
    await fake.stop();
  }
}
