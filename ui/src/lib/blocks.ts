// Paragraphs, lists and tables in a run of blocks the form edits (the body's opening, a
// section's blocks or the ones after its subsections, the body's blocks after its last
// section, a text appendix): new blocks, and the field that holds each block's text.
import type { Block } from "./document";

/** A new paragraph, or a new list of one empty item. */
export function newBlock(kind: "paragraph" | "list"): Block {
  return kind === "paragraph" ? { kind: "paragraph", text: "" } : { kind: "list", items: [{ text: "" }] };
}

/** The path of the field that edits block `j` of the run at `base` (`body.after`): a
 * paragraph's text, a list's lines. */
export function blockField(base: string, j: number, block: Block | undefined): string {
  return block?.kind === "paragraph" ? `${base}[${j}].text` : `${base}[${j}]`;
}

/** What the block is, for a message ("đoạn 2", "danh sách 1"): its kind and its place. */
export function blockName(block: Block, j: number): string {
  switch (block.kind) {
    case "paragraph": return `đoạn ${j + 1}`;
    case "list": return `danh sách (khối ${j + 1})`;
    case "table": return `bảng (khối ${j + 1})`;
    case "tasks": return "bảng nhiệm vụ";
  }
}
