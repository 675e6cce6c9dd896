// The directory screen's signing material: what the body seals with and what each person
// signs with — a certificate file, a signature or seal image, the seal's diameter. Pure
// functions over the shell's views; the shell checks the files and the ranges.
import type { CertificateFileView, PersonEntry, SigningMaterialView } from "./api";

export type SigningRow = {
  /** The person's login; null for the body. */
  login: string | null;
  /** Who, as shown. */
  name: string;
  /** What is set, or nothing set. */
  material: SigningMaterialView;
};

const nothing = (login: string | null): SigningMaterialView => ({ login, certificate: null, image: null, sealDiameterMm: null });

/**
 * The rows of the table: the body first, then by name every person who may sign (role
 * `signer`) or already has something set — whoever else is given a certificate is added from
 * the person's row of "Người dùng".
 */
export function signingRows(bodyName: string, people: PersonEntry[], signing: SigningMaterialView[]): SigningRow[] {
  const of = (login: string | null) => signing.find((m) => m.login === login) ?? nothing(login);
  const shown = people.filter((p) => p.roles.includes("signer") || signing.some((m) => m.login === p.login));
  shown.sort((a, b) => a.name.localeCompare(b.name, "vi"));
  return [{ login: null, name: bodyName, material: of(null) }, ...shown.map((p) => ({ login: p.login, name: p.name, material: of(p.login) }))];
}

/** A certificate file in one line, as the table shows it. */
export function certificateLine(c: CertificateFileView | null): string {
  if (!c) return "Chưa có chứng thư số";
  if (c.problem) return `${c.fileName}: ${c.problem}`;
  if (c.pkcs12) return `${c.fileName} (tệp PKCS#12: mật khẩu được hỏi khi ký)`;
  const holder = c.holder ? `${c.holder}, ` : "";
  return `${c.fileName} (${holder}hiệu lực đến ${c.validTo ?? "?"}; khóa trên thiết bị ký số)`;
}

/** The seal's diameter as typed: empty is none; otherwise a whole number of millimetres. */
export function parseDiameter(text: string): { value: number | null; error: string | null } {
  const t = text.trim().replace(/\s*mm$/i, "");
  if (t === "") return { value: null, error: null };
  if (!/^\d{1,3}$/.test(t)) return { value: null, error: "Đường kính con dấu là một số milimét, ví dụ 36." };
  return { value: Number(t), error: null };
}
