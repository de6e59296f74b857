// @ts-check
// What each figure measures, exactly, for BENCHMARKS.md.
import { SDK_LABEL } from './sdk.mjs';

export const DEFINITIONS = [
  {
    id: '1',
    text: `**1. Client overhead.** Wall time to list every page of 10,000 organization users (5,000 with --quick; 100 a page, so 100 requests each)
with our client (\`client.users.all()\`) and with the official SDK, ${SDK_LABEL} as package.json pins it
(\`for await\` over \`client.admin.organization.users.list({ limit: 100 })\`), in the same process, against the same fake in another process,
at 0 ms and at 20 ms added latency. One warm-up listing each, then rounds of one listing each, alternating which goes
first. *Ours* and *Reference* are medians; *Ratio* is the median of the per-round ratios ours ÷ SDK. The fake counts the
requests of every listing; the budget also requires both clients to make the same number. Our \`all()\` requests the next
page as soon as the end of the current body names its cursor (checked against the parsed page), so decoding and parsing
overlap with the server's next page; the SDK waits for each page. Our client parses a body from its bytes read as
Latin-1 and decodes only the strings holding non-ASCII bytes (src/api/json.ts), where a full UTF-8 decode of a page with
one accented name cost more than the parse. The fake, started from its CLI as here, keeps each listed user's JSON until
the next write (test/fake-admin-api/viewCache.ts): its own encoding had been about half of every listing's wall time, for
both clients alike, and hid the clients' difference.`,
  },
  {
    id: '2',
    text: `**2. Organization crawl.** \`loadOrganization()\` (src/model/organization/load.ts), limited to these lists, loads every
active project's users, service accounts, API keys, rate limits, model permissions and hosted tool permissions, every
page, into a fresh org store, for an organization of 500
projects (50 with --quick) at 50 ms added latency, with at most 8 requests in flight (the default of
\`openaiAdmin.maxConcurrentRequests\`). *Bound* = ceil(requests ÷ 8) × 50 ms, the time no client with 8 requests in flight
can beat; the ratio is bound ÷ our time. The reference loop is what a script author writes with the official SDK (${SDK_LABEL}): for
each project, each list with \`for await\`, one request at a time; the fake counts its requests too. "Requests made twice" counts
repeated \`METHOD path?query\` lines in the fake's request log during our crawls (and checks the fake never saw more than 8
at once).`,
  },
  {
    id: '3',
    text: `**3. Activation and size.** The production bundle (\`node esbuild.mjs --production\`, built into a temporary extension
folder) is loaded by code-server's real extension host, activated by a small bench suite (test/bench/extensionHost.ts).
*Activation* is loading the code plus the synchronous \`activate()\` call, median over several fresh workbench loads
(each a new extension host): *module load* is a \`require\` of a fresh copy of dist/extension.js in that host, timed by the
bench suite (median of 3 per host; an empty module that only requires \`vscode\` is timed beside it, to show the host's
own share); \`activate()\` is the extension's own timing from its log (\`Activated in … ms\`). The reference column is
what VS Code itself records (Developer: Startup Performance: load code + call activate; in code-server its load code
includes waiting for the workbench). The extension bundle holds only the wiring, the key handling and the tree: the API
client (dist/api.js) loads on the first request, the organization commands (dist/commands.js) when one first runs,
and each panel's host code (dist/usagePanel.js, dist/projectPanel.js) when the panel first opens.
"No network in activate()" is checked at the fake: it must receive no request while the extension activates, with or
without a stored key. Sizes are of the minified bundles, in KB of 1,000 bytes.`,
  },
  {
    id: '4',
    text: `**4. Tree at scale.** code-server with the production bundle, against a fake with 2,000 projects and 10,000 users and
one project with 1,000 members (--quick: 300 projects, 2,000 users, 200 members, 1,000 nodes). In the browser (playwright-core + Chromium) the bench scrolls the explorer to its
"Load more…" row and clicks it, like a user: 20 pages of projects, then the big project's Users folder and its 9 more pages.
*Data received → rows shown* is, for each expansion, the time from the fake finishing its response (its request log's end
time) to the first new row being in the workbench's DOM (a MutationObserver in the page looks for a row at the expected
level and position with the expected label; both clocks are this machine's wall clock, ms resolution). *Memory* is the
extension host's JS heap (heapUsed + external, after a forced GC) once the explorer holds at least 10,000 loaded nodes
(Members paged through as well), minus the same measure right after activation; the growth of the process' RSS is shown
alongside.`,
  },
  {
    id: '5',
    text: `**5. Dashboard.** The usage model (src/model/usage) in Node against the fake at 50 ms latency: 90 days of daily buckets
from the eleven usage and costs endpoints it was defined with (not Decisions, added later) at once through one
BucketFetcher, as the dashboard loads them; *first* is when
the first endpoint's series is complete, *complete* when all are. The reference is the slowest single endpoint's page
chain measured alone in the same run; the budget is 1.5× that. *Render* is \`shape()\` of 24 h × 1 min completions grouped
by model (1,440 buckets × 10 models) plus drawing it in the usage webview (dist/webviews/usage.js) in Chromium: from
handing the webview what the panel sends it (series totals, not every metric's per-bucket values) to the frame after its
'rendered' report, median of fresh page loads after one warm-up. The chart draws at most one bar per 4 pixels, so here
145 bars of 10 minutes, each the sum of its buckets (the table and exports keep every bucket); the page sets Chart.js up
while it waits for the data.`,
  },
  {
    id: '6',
    text: `**6. Load Organization.** \`loadOrganization()\` (src/model/organization/load.ts) with everything it reads by default, into a
fresh org store, through a client built as the extension builds it (at most 8 requests in flight, the default of
\`openaiAdmin.maxConcurrentRequests\`; AIMD on 429s, src/api/limiter.ts). *Throughput*: an organization of 2,000 projects and
5,000 members (200 and 1,000 with --quick) at 20 ms added latency; every active project's users, service accounts, API keys, rate
limits, model and hosted-tool permissions, service tier, groups and roles, the members, invites, groups with their members,
roles and admin keys, and the role assignments where a custom role exists (every member's and group's, since the generated
organization has custom roles; the users' of each project with a custom role). *Bound* = ceil(requests ÷ 8) × 20 ms,
requests counted by the fake; the ratio is bound ÷ our time, median of 2 runs (1 with --quick). The fake answers each read
20 ms after it arrived and never sooner, doing the read's work during that wait (as a real server's own time is part of the
round trip): otherwise the reads of a bunch would run one after another on its one thread and that queue, not the client,
would be measured. The detail gives the CPU per 1,000 requests of the client and of the fake. The row also requires no
request made twice and never more than 8 at the fake. *Rate limited*: 500 projects and 1,000 members (100 and 300 with
--quick) at 20 ms latency behind the fake's \`--rate-limit 100\` (a token bucket of 100 requests/s with a burst of 100,
answering 429 with Retry-After); one run. *Sustained rate* = answered (non-429) requests that ended after the first 429
÷ the time from that 429 to the end (before it, the bucket's burst is being spent). The row also requires no list failing and
no request repeated except after a 429 (the client's retries and the loader's re-queueing), and at most 8 in flight.`,
  },
  {
    id: '7',
    text: `**7. Access Review.** An org store filled by \`loadOrganization\` (src/model/organization/load.ts) with the lists the
review reads (members, invites, groups and their members, projects and each project's users, service accounts and API keys)
from a fake of 5,000 members × 2,000 projects (--quick: 1,000 × 300), at 0 ms latency, 8 requests in flight. *First rows*:
the host's share in Node (\`buildReview\` + \`ReviewIndex\` + the first window of rows serialized as the message the panel
sends), plus the webview's (the production bundle dist/webviews/accessReview.js in Chromium, this process playing the host):
from handing it those rows to the frame after its render report; medians of fresh page loads after one warm-up. *Keystroke*:
the first four letters of a member's name typed one by one into the search box (an input event in the page): the webview's
work (input event → request sent, and rows received → the frame after they are drawn) plus the host's query and the window
serialized, in this process as in the extension host. The hop between page and host is the harness's own (Chrome DevTools
Protocol) where VS Code has its postMessage, so it is shown beside the figure and not counted. *Memory*:
the JS heap (heapUsed + external, after two forced GCs) the filled store adds to the Node process that filled it.`,
  },
  {
    id: '8',
    text: `**8. Organization as code.** (src/model/orgCode) *Plan* and *Export*: an org store filled by \`readLiveState\` from a fake of
2,000 projects and 5,000 members (300 and 1,000 with --quick) at 0 ms latency; then, timed, \`readLiveState\` again (answered from the
store, no request) followed by \`planOrgFile\` of the organization's own exported file with gpt-4o's requests per minute lowered
by one in 200 projects (so the plan compares every section and finds 200 steps), or by \`exportOrgFile\` + \`stringifyOrgFile\`.
Medians of 5 rounds (3 with --quick) after one warm-up. *Apply*: the same kind of file for an organization of 200 projects at
50 ms added latency: after one warm-up update, 200 independent rate-limit updates run by \`runPlan\` at its default concurrency
(\`DEFAULT_PLAN_CONCURRENCY\`, as the editor runs plans), with the client built as the extension builds it. *Bound* =
ceil(200 ÷ concurrency) × 50 ms; the ratio is our time ÷ the bound, one run.`,
  },
];
