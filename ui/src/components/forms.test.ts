// What the form shows for the new structures, rendered as HTML (no shell, no editing): the
// numbers beside the titles, the numbering controls, the lists' markers and the blocks after
// sections.
import { describe, expect, it } from "vitest";
import { render } from "svelte/server";
import SectionFields from "./SectionFields.svelte";
import BlockList from "./BlockList.svelte";
import NumberingFields from "./NumberingFields.svelte";
import { labels } from "../lib/numbering";
import type { Block, Section } from "../lib/document";

const plan = (): Section[] => [
  { title: "MỤC ĐÍCH", subsections: [{ title: "Mục đích" }] },
  { title: "NỘI DUNG", subsections: [{ title: "Tuyên truyền" }] },
  {
    title: "NHIỆM VỤ",
    numbering: { levels: ["decimal", "decimal"] },
    subsections: [{ title: "Hạ tầng", subsections: [{ title: "Mạng" }] }],
    after: [{ kind: "paragraph", text: "Các nhiệm vụ trên thực hiện trong năm 2026." }],
  },
];

const section = (tree: Section[], i: number) =>
  render(SectionFields, {
    props: { section: tree[i]!, path: `body.sections[${i}]`, indexes: [i], scheme: undefined, labels: labels(tree, undefined, false), readonly: false },
  }).body;

/** The option chosen in the select with `testid` (the first one). */
const chosen = (html: string, testid: string) => {
  const select = html.slice(html.indexOf(`data-testid="${testid}"`));
  return /<option value="([^"]*)" selected/.exec(select.slice(0, select.indexOf("</select>")))?.[1];
};

describe("the form's sections", () => {
  it("part III with its own numbering shows 3.1. and 3.1.1., its levels ticked and chosen", () => {
    const html = section(plan(), 2);
    expect(html).toContain('data-label="III."');
    expect(html).toContain('data-label="3.1."');
    expect(html).toContain('data-label="3.1.1."');
    expect(html).toMatch(/data-testid="section-numbering" checked/);
    expect(chosen(html, "own-numbering-choice")).toBe("custom");
    expect(chosen(html, "numbering-level-1")).toBe("decimal");
    expect(html).toContain("1.1., 1.2. (mang số cấp trên)");
  });

  it("a part without its own numbering keeps the document's and offers the choice", () => {
    const html = section(plan(), 1);
    expect(html).toContain('data-label="1."');
    expect(html).not.toMatch(/data-testid="section-numbering" checked/);
    expect(html).toContain("Đánh số mục con riêng");
    expect(html).toContain("Thêm đoạn sau các mục con của mục II.");
  });

  it("the paragraph after the subsections is shown after them, labelled", () => {
    const html = section(plan(), 2);
    expect(html).toContain('data-testid="after-blocks"');
    expect(html).toContain("Đoạn 1 sau các mục con của mục III.");
    expect(html.indexOf('data-label="3.1.1."')).toBeLessThan(html.indexOf("Các nhiệm vụ trên thực hiện"));
  });
});

describe("the form's lists", () => {
  const blocks = (list: Block[]) =>
    render(BlockList, { props: { blocks: list, path: "body.after", live: () => list, of: " sau phần cuối", readonly: false, testid: "after-blocks" } }).body;

  it("a list without a marker shows “-” as the default, no first number", () => {
    const html = blocks([{ kind: "list", items: [{ text: "Sở Tài chính;" }, { text: "Sở Nội vụ." }] }]);
    expect(chosen(html, "list-marker")).toBe("");
    expect(html).toContain("- (mặc định)");
    expect(html).not.toContain('data-testid="list-start"');
    expect(html).toContain("Sở Tài chính;\nSở Nội vụ.");
  });

  it("a numbered list shows its marker and “Bắt đầu từ số”; sub-items their own marker", () => {
    const html = blocks([{ kind: "list", marker: "letter-paren", start: 4, items: [{ text: "Các huyện:", items_marker: "plus", items: [{ text: "Báo cáo." }] }] }]);
    expect(chosen(html, "list-marker")).toBe("letter-paren");
    expect(html).toContain('data-testid="list-start"');
    expect(html).toContain("Bắt đầu từ số");
    expect(chosen(html, "list-items-marker")).toBe("plus");
    expect(html).toContain("Dấu các ý con của “Các huyện:”");
    expect(html).toContain("Các huyện:\n  Báo cáo.");
  });
});

describe("the document's numbering", () => {
  it("shows the usual scheme chosen and an example", () => {
    const html = render(NumberingFields, { props: { numbering: "articles", path: "numbering", set: () => {}, count: 3, label: "Cách đánh số các mục", readonly: false } }).body;
    expect(chosen(html, "numbering-choice")).toBe("articles");
    expect(html).toContain("Ví dụ: Điều 1. → 1. → a)");
    expect(html).not.toContain('data-testid="numbering-level-1"');
  });

  it("custom levels show a select per level", () => {
    const html = render(NumberingFields, { props: { numbering: { levels: ["part", "chapter", { style: "article", continues: true }] }, path: "numbering", set: () => {}, count: 3, label: "Cách đánh số các mục", readonly: false } }).body;
    expect(chosen(html, "numbering-choice")).toBe("custom");
    expect(chosen(html, "numbering-level-1")).toBe("part");
    expect(chosen(html, "numbering-level-3")).toBe("article");
    expect(html).toMatch(/data-testid="numbering-continues-3" checked/);
    expect(html).toContain("Ví dụ: Phần I → Chương I → Điều 1.");
  });
});

describe("a text appendix", () => {
  it("edits its paragraphs and lists with the same block editor", async () => {
    const { default: AppendixFields } = await import("./AppendixFields.svelte");
    const doc = {
      appendices: [{ title: "DANH MỤC", content: { kind: "text", text: { blocks: [{ kind: "paragraph", text: "Mở đầu" }, { kind: "list", marker: "number-dot", items: [{ text: "Một" }] }] } } }],
    } as unknown as import("../lib/document").Document;
    const html = render(AppendixFields, { props: { doc, readonly: false } }).body;
    expect(html).toContain('data-path="appendices[0].content.text.blocks[0].text"');
    expect(chosen(html, "list-marker")).toBe("number-dot");
    expect(html).toContain("Thêm danh sách vào phụ lục");
  });
});
