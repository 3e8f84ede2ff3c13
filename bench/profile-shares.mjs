// Where a path's CPU goes: reads a collapsed CPU profile of the server (async-profiler,
// "frame;frame;...;leaf count" per line) and prints one JSON line of each part's share of the
// samples. A stack goes to the first part whose pattern it matches, in the order below: a
// commit's statements count as the commit, the JWT's or webhook signature's JDK crypto as
// theirs, and the server's own layers (HTTP, JAX-RS, CDI, security) only what is left.
//   node profile-shares.mjs <collapsed.txt>
import { readFileSync } from 'node:fs';

export const PARTS = [
  ['JIT compiler', /CompileBroker|C2Compiler|C1Compiler|CompilationPolicy/],
  ['garbage collector', /G1[A-Z]\w+::|GCTaskThread|ConcurrentGCThread|CollectedHeap::/],
  ['commit', /[./](commit|beforeCompletion|afterCompletion)\b/],
  ['database statements', /org[./]h2[./]|org[./]hibernate[./]|io[./]agroal[./]/],
  ['JWT check', /smallrye[./]jwt|jose4j/],
  ['webhook signature and JSON (parsing, writing)', /(VideoProvider|StreamProvider)[./]receive\b|HmacSignatureScheme|WebhookJson|UpdateReader|parsson/],
  ['this service\'s own code', /com[./]yourbit[./]/],
  ['server layers (HTTP, JAX-RS, CDI, security, JDK)', /io[./]undertow|org[./]jboss|org[./]wildfly|xnio|^java[./]|;java[./]|;jdk[./]|;sun[./]|^\[/],
];
const OTHER = 'other (kernel, JVM)';

export function shares(text) {
  const counts = new Map([...PARTS.map(([name]) => [name, 0]), [OTHER, 0]]);
  let total = 0;
  for (const line of text.split('\n')) {
    const space = line.lastIndexOf(' ');
    if (space < 0) continue;
    const samples = Number(line.slice(space + 1));
    if (!Number.isFinite(samples)) continue;
    const stack = line.slice(0, space);
    const part = PARTS.find(([, pattern]) => pattern.test(stack))?.[0] ?? OTHER;
    counts.set(part, counts.get(part) + samples);
    total += samples;
  }
  return { samples: total, shares: Object.fromEntries([...counts].map(([name, n]) => [name, total ? n / total : 0])) };
}

if (process.argv[1]?.endsWith('profile-shares.mjs')) {
  console.log(JSON.stringify(shares(readFileSync(process.argv[2], 'utf8'))));
}
