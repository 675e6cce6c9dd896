import { readFile } from "node:fs/promises";
import { expect, it } from "vitest";
import { generate, outputPath } from "../../scripts/document-types.mjs";

// The document's TypeScript types follow the Rust model through its JSON Schema; regenerate
// with `npm run gen:document` when this fails.
it("document.ts is generated from the current schema", async () => {
  const committed = await readFile(outputPath, "utf8");
  expect(committed).toBe(await generate());
});
