import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  $,
  KEY_PASSWORD,
  PINS,
  appProcesses,
  check,
  countFields,
  enterAs,
  field,
  latency,
  lastNotice,
  measurements,
  memoryOf,
  openFromTab,
  pickPerson,
  previewText,
  sectionButton,
  shot,
  signatures,
  stateBadge,
  switchTo,
  tid,
  type,
  waitNotice,
  waitPreview,
  waitText,
  zipEntry,
} from "../lib/steps.mjs";

/** The app leaves its file for a database on the department's server. */
export default async function (s) {
  const { browser, driver, out, work, db, exportDir, dataHome, choose, softhsm, cli } = s;
  // 9. The department's shared server: the settings screen connects to a database on the
  // PostgreSQL server (./x test starts a throwaway one and names it in VANBAN_TEST_PG).
  const server = process.env.VANBAN_TEST_PG;
  if (!server) {
    check("a PostgreSQL server to connect to (VANBAN_TEST_PG)", process.env.CI !== "true", "CI=true needs the server ./x test starts");
    return;
  }
  const dbName = `vanban_e2e_${process.pid}`;
  execFileSync("psql", [server, "-v", "ON_ERROR_STOP=1", "-q", "-c", `CREATE DATABASE ${dbName}`], { stdio: ["ignore", "ignore", "inherit"] });
  const address = server.replace(/\/[^/]*$/, `/${dbName}`);
  try {
    execFileSync(cli, ["init", "--demo", "--db", address], { stdio: ["ignore", "ignore", "inherit"] });
    await enterAs("chuyenvien");
    await (await tid("to-directory")).click();
    await (await tid("change-database")).click();
    await (await tid("conn-kind-server")).click();
    await (await tid("conn-address")).setValue(address);
    await (await tid("conn-password")).setValue("sai-mat-khau");
    await (await tid("connect")).click();
    await waitNotice((t) => t.includes("Có lỗi"), "for the refused login");
    check("a wrong server password is refused and the app stays on its database", (await (await tid("db-path")).getText()).includes(db), await lastNotice());
    await (await tid("conn-password")).setValue(process.env.PGPASSWORD ?? "");
    await (await tid("connect")).click();
    await (await $('[data-screen="person"]')).waitForDisplayed({ timeout: 15000 });
    check("connected, the app asks who one is among the server's people", (await browser.$$('[data-testid^="person-"]')).length >= 4);
    await (await tid("person-vanthu")).click();
    await (await $('[data-screen="list"]')).waitForDisplayed({ timeout: 10000 });
    await (await tid("to-directory")).click();
    const shown = await (await tid("db-path")).getText();
    check("the settings screen shows the server, without password", shown.includes(`Máy chủ: ${address}`) && !shown.includes(process.env.PGPASSWORD ?? "\u0000"), shown);
    await shot("10-may-chu");
    const settings = readFileSync(join(dataHome, "vanban", "settings.toml"), "utf8");
    check("the server is kept in the settings file, its password is not", settings.includes(address) && !settings.includes(process.env.PGPASSWORD ?? "\u0000"), settings);
  } finally {
    try {
      execFileSync("psql", [server, "-q", "-c", `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`], { stdio: "ignore" });
    } catch {
      // the server stops with the test run anyway
    }
  }
}
