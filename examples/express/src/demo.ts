import { performance } from "node:perf_hooks";
import { formatScenario } from "./demo/format-scenario";
import { colorEnabled, createPalette } from "./demo/palette";
import { runScenarios } from "./demo/run-scenarios";

// `npm run demo`: the app's scenarios (sign-up fan-out, cart and trial reminders, digest, retries), run in-process with @jobkit/testing on a virtual clock.
const palette = createPalette(colorEnabled(process.stdout, process.env));
const started = performance.now();
const scenarios = await runScenarios();
const seconds = ((performance.now() - started) / 1000).toFixed(1);
const virtualMs = scenarios.reduce((total, scenario) => {
  const last = Math.max(...scenario.lines.map((line) => line.at.getTime()));
  return total + (last - scenario.startedAt.getTime());
}, 0);

const output = [
  "",
  `${palette.bold("jobkit demo")}: the jobs of examples/express, run in-process on a virtual clock (times in UTC)`,
  "",
  ...scenarios.flatMap((scenario, index) => [...formatScenario(scenario, index + 1, palette), ""]),
  palette.dim(
    `${scenarios.length} scenarios, ${Math.round(virtualMs / 86_400_000)} days of virtual time in ${seconds} s.`,
  ),
  "",
  palette.bold("Next: serve the same jobs from the Express example"),
  `  ${palette.cyan("INNGEST_DEV=1 pnpm --filter @jobkit/example-express start")}           # http://localhost:3000/api/inngest`,
  `  ${palette.cyan("npx inngest-cli@latest dev -u http://localhost:3000/api/inngest")}   # Inngest dev server, in another terminal`,
  `  ${palette.dim("then open http://localhost:8288 and send a user/created event; see examples/express/README.md")}`,
  "",
];
process.stdout.write(output.join("\n"));
