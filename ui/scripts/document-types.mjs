// The TypeScript types of the document model, generated from the JSON Schema that the Rust
// model produces (docs/vanban-1.schema.json, itself checked against the code by a Rust test).
// `node scripts/document-types.mjs --write` rewrites src/lib/document.ts; the unit test
// `document-types.test.ts` fails when the committed file is stale.
import { readFile, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { compile } from "json-schema-to-typescript";

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
export const schemaPath = here("../../docs/vanban-1.schema.json");
export const outputPath = here("../src/lib/document.ts");

export async function generate() {
  const schema = JSON.parse(await readFile(schemaPath, "utf8"));
  const ts = await compile(schema, "DocumentFile", {
    bannerComment:
      "// Generated from docs/vanban-1.schema.json by ui/scripts/document-types.mjs; do not edit.",
    additionalProperties: false,
    unreachableDefinitions: false,
    strictIndexSignatures: true,
    format: true,
    style: { singleQuote: false, printWidth: 100 },
  });
  return ts;
}

if (process.argv.includes("--write")) {
  await writeFile(outputPath, await generate());
  console.log(`wrote ${outputPath}`);
}
