// The "Tạo mới" chooser and "Lưu làm mẫu": what to start a new document from (a blank
// document of a type, a shipped template or one of the organisation's own), and the checks on
// a template's name before it is sent to the shell (which checks them again).
import type { TemplateView } from "./api";
import type { Document } from "./document";

/** What a new document starts from. */
export type StartChoice = { kind: "blank"; docType: string } | { kind: "template"; name: string };

/** The longest template name the shell accepts (vanban_app::workflow::TEMPLATE_NAME_MAX). */
export const TEMPLATE_NAME_MAX = 120;

/** A stable key of a choice, for a radio group's value. */
export function choiceKey(c: StartChoice): string {
  return c.kind === "blank" ? `blank:${c.docType}` : `template:${c.name}`;
}

/** The choice a key names, or null. */
export function parseChoice(key: string): StartChoice | null {
  if (key.startsWith("blank:") && key.length > 6) return { kind: "blank", docType: key.slice(6) };
  if (key.startsWith("template:") && key.length > 9) return { kind: "template", name: key.slice(9) };
  return null;
}

/** Lower case without accents, "đ" as "d": "Công văn" → "cong van". */
export function fold(s: string): string {
  return s
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase();
}

/** The templates whose name, title or type hold every word typed, accents aside. */
export function filterTemplates(list: readonly TemplateView[], words: string): TemplateView[] {
  const wanted = fold(words).split(/\s+/).filter(Boolean);
  if (wanted.length === 0) return [...list];
  return list.filter((t) => {
    const text = fold(`${t.name} ${t.title} ${t.typeName}`);
    return wanted.every((w) => text.includes(w));
  });
}

/** Shipped templates, then the organisation's own, each in the shell's order. */
export function groupTemplates(list: readonly TemplateView[]): { shipped: TemplateView[]; organisation: TemplateView[] } {
  return {
    shipped: list.filter((t) => t.origin === "shipped"),
    organisation: list.filter((t) => t.origin === "organisation"),
  };
}

/** A name to offer when saving a document as a template: its type and subject, shortened. */
export function suggestTemplateName(doc: Document, typeName: string): string {
  const subject = doc.subject.replace(/\s+/g, " ").trim();
  const name = subject ? `${typeName} ${subject}` : typeName;
  if (name.length <= 80) return name;
  const cut = name.slice(0, 80);
  const space = cut.lastIndexOf(" ");
  return (space > 40 ? cut.slice(0, space) : cut).trim() + " …";
}

/** Why a template name cannot be used, in Vietnamese naming the field; null when it can. */
export function templateNameProblem(name: string, templates: readonly TemplateView[]): string | null {
  const n = name.replace(/\s+/g, " ").trim();
  if (!n) return "Ô “Tên mẫu” đang trống: hãy đặt tên cho mẫu.";
  if ([...n].length > TEMPLATE_NAME_MAX) return `Ô “Tên mẫu” dài quá ${TEMPLATE_NAME_MAX} ký tự.`;
  const same = templates.find((t) => t.name === n);
  if (same?.origin === "shipped") return `“${n}” là tên một mẫu có sẵn; hãy đặt tên khác.`;
  if (same) return `Cơ quan đã có mẫu tên “${n}”; hãy đặt tên khác.`;
  return null;
}
