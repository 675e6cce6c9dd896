// The copy form's and the exchange panel's pure parts: the request a filled copy form makes (or
// why it cannot be sent yet), the sao y a sao lục can be made from, where each recipient of an
// edXML package stands, and a message read from a file in words.
import type {
  CertifyInput,
  CopyEntryView,
  CopyFileForm,
  CopyKindInput,
  DistributionStatusView,
  DistributionView,
  EdxmlMessageView,
  OrganView,
} from "./api";

/** The kinds offered, in the decree's order. */
export const COPY_KINDS: { value: CopyKindInput; label: string }[] = [
  { value: "sao-y", label: "Sao y" },
  { value: "sao-luc", label: "Sao lục" },
  { value: "trich-sao", label: "Trích sao" },
];

/** The forms offered. */
export const COPY_FORMS: { value: CopyFileForm; label: string }[] = [
  { value: "electronic", label: "Bản điện tử (ký số của cơ quan)" },
  { value: "paper-pdf", label: "Bản giấy — PDF để in" },
  { value: "paper-docx", label: "Bản giấy — DOCX" },
];

/** What the person filled in the copy form. */
export interface CopyFormState {
  kind: CopyKindInput;
  form: CopyFileForm;
  signer: string;
  fromCopy: string;
  parts: string[];
  /** Nơi nhận as typed, one line each. */
  recipients: string;
}

/** The sao y copies of a document (what a sao lục is made from), newest first. */
export function saoYOf(copies: readonly CopyEntryView[]): CopyEntryView[] {
  return copies.filter((c) => c.kind === "SAO Y").reverse();
}

/** The request of a filled form, or why it cannot be sent yet (in Vietnamese). */
export function certifyRequest(
  f: CopyFormState,
  copies: readonly CopyEntryView[],
): { request: CertifyInput } | { problem: string } {
  if (f.kind === "trich-sao" && f.parts.length === 0)
    return { problem: "Trích sao: chọn ít nhất một phần của văn bản cần trích." };
  if (f.kind === "sao-luc" && saoYOf(copies).length === 0)
    return { problem: "Sao lục được làm từ bản sao y: văn bản này chưa có bản sao y nào." };
  const recipients = f.recipients
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "");
  return {
    request: {
      kind: f.kind,
      form: f.form,
      parts: f.kind === "trich-sao" ? [...f.parts] : [],
      signer: f.signer.trim() || null,
      fromCopy: f.kind === "sao-luc" ? f.fromCopy.trim() || null : null,
      recipients,
    },
  };
}

/** "01/SY-UBND · Sao y · bản điện tử · 06/03/2025". */
export function copyLine(c: CopyEntryView): string {
  const kind = c.kind.charAt(0) + c.kind.slice(1).toLowerCase();
  const day = c.madeOn.split("-").reverse().join("/");
  return [c.numberSymbol, kind, c.electronic ? "bản điện tử" : "bản giấy", day].join(" · ");
}

/** Where a recipient of edXML packages stands: when it was sent, and its latest answer. */
export interface OrganState {
  organ: OrganView;
  /** The days it was sent (YYYY-MM-DD), oldest first. */
  sentOn: string[];
  /** Its latest status message, if any. */
  latest: DistributionStatusView | null;
  /** How many status messages it sent. */
  answers: number;
}

/** Each organ of the directory with its sendings and its latest answer. */
export function organStates(
  organs: readonly OrganView[],
  distributions: readonly DistributionView[],
  statuses: readonly DistributionStatusView[],
): OrganState[] {
  return organs.map((organ) => {
    const mine = statuses.filter((s) => s.organId === organ.organId);
    return {
      organ,
      sentOn: distributions.filter((d) => d.organId === organ.organId).map((d) => d.sentOn),
      latest: mine.at(-1) ?? null,
      answers: mine.length,
    };
  });
}

/** A status in words: "03 — đã tiếp nhận (2025/03/07 08:30:00)", with a refusal's reason. */
export function statusWords(s: DistributionStatusView): string {
  const reason = s.description ? `: ${s.description}` : "";
  return `${s.code} — ${s.label || "mã trạng thái khác"}${reason} (${s.reportedAt})`;
}

/** What reading a message did, in one sentence. */
export function messageWords(m: EdxmlMessageView): string {
  if (m.kind === "status") {
    const reason = m.description ? ` (${m.description})` : "";
    return `Đã ghi trạng thái từ ${m.from}: ${m.code} — ${m.label}${reason}.`;
  }
  const files = m.files.length === 1 ? "1 tệp" : `${m.files.length} tệp`;
  return `Gói tin văn bản số ${m.numberSymbol} ngày ${m.promulgationDate} của ${m.from}: ${m.subject} (${files}).`;
}
