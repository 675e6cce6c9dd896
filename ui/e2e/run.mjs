// End-to-end test of the real desktop app: the built binary (UI embedded) in a real window,
// driven through WebDriver (tauri-driver + WebKitWebDriver) as a person would use it. Each
// scenario of scenarios/ runs on its own database with the app started afresh (lib/session.mjs);
// the steps they share are in lib/steps.mjs. Run under Xvfb by `./x test e2e`:
//
//   VANBAN_APP=…/vanban-desktop VANBAN_CLI=…/vanban node e2e/run.mjs [SCENARIO…]
//
// Environment: VANBAN_APP (the desktop binary) and VANBAN_CLI (the `vanban` command), both
// required; VANBAN_E2E_OUT (screenshots and measurements.json; default a temporary folder);
// TAURI_DRIVER (default `tauri-driver` on PATH). With no SCENARIO, all of them, in the order
// below; a failed scenario does not stop the others, and the run fails at the end.
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { counts, measurements, repaintSoon } from "./lib/steps.mjs";
import { startSession, stopSession } from "./lib/session.mjs";

const ALL = ["lifecycle", "directory", "token", "style", "letter", "long-an", "tracking", "registry", "server", "structures"];
/** A hung WebDriver call must not hang the run: a scenario fails after this long. */
const SCENARIO_LIMIT_MS = 8 * 60 * 1000;

const app = process.env.VANBAN_APP;
const cli = process.env.VANBAN_CLI;
for (const [name, value] of [["VANBAN_APP", app], ["VANBAN_CLI", cli]]) {
  if (!value || !existsSync(value)) {
    console.error(`e2e: ${name} must name a built binary (got ${value ?? "nothing"})`);
    process.exit(2);
  }
}
const wanted = process.argv.slice(2);
const unknown = wanted.filter((n) => !ALL.includes(n));
if (unknown.length) {
  console.error(`e2e: no scenario ${unknown.join(", ")} (there are: ${ALL.join(", ")})`);
  process.exit(2);
}
// Which build is measured: the figures of the note come from the release build (`./x test`).
measurements.build = process.env.VANBAN_BUILD || (/[\\/]release[\\/]/.test(app) ? "release" : "debug");
const out = process.env.VANBAN_E2E_OUT || mkdtempSync(join(tmpdir(), "vanban-e2e-out-"));
mkdirSync(out, { recursive: true });

const failedScenarios = [];
const seconds = {};
for (const name of wanted.length ? wanted : ALL) {
  console.log(`\n== ${name}`);
  const t0 = Date.now();
  let session = null;
  let timer = null;
  try {
    const { default: scenario, prepare, env } = await import(`./scenarios/${name}.mjs`);
    session = await startSession(name, { app, cli, out, prepare, env });
    await Promise.race([
      scenario(session),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${name} took longer than ${SCENARIO_LIMIT_MS / 60000} minutes`)), SCENARIO_LIMIT_MS);
      }),
    ]);
  } catch (e) {
    console.error(e);
    counts.failed = Math.max(counts.failed, 1);
    failedScenarios.push(name);
    if (session?.browser) {
      try {
        const file = join(out, `loi-${name}.png`);
        await repaintSoon(session.browser);
        await session.browser.saveScreenshot(file);
        console.log(`     screenshot ${file}`);
      } catch {
        // no window
      }
    }
  } finally {
    clearTimeout(timer);
    await stopSession(session);
    seconds[name] = Math.round((Date.now() - t0) / 1000);
  }
}

writeFileSync(join(out, "measurements.json"), JSON.stringify(measurements, null, 2));
console.log(`\nmeasurements: ${JSON.stringify(measurements)}`);
console.log(`screenshots and measurements in ${out}`);
console.log(`seconds per scenario: ${JSON.stringify(seconds)}`);
console.log(`${counts.passed} passed, ${counts.failed} failed${failedScenarios.length ? ` (in ${failedScenarios.join(", ")})` : ""}`);
process.exit(failedScenarios.length ? 1 : 0);
