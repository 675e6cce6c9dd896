import { describe, expect, it } from "vitest";
import type { PersonEntry, SigningMaterialView } from "./api";
import { certificateLine, parseDiameter, signingRows } from "./signing";

const person = (login: string, name: string, roles: string[]): PersonEntry => ({ login, name, titles: [], unit: null, roles });
const people = [
  person("vanthu", "Phạm Thị Dung", ["registry-clerk"]),
  person("giamdoc", "Lê Văn Cường", ["signer"]),
  person("phogiamdoc", "Vũ Thị Phương", ["signer"]),
  person("chuyenvien", "Nguyễn Văn An", ["drafter"]),
];

describe("signingRows", () => {
  it("puts the body first, then the signers and whoever has something set, by name", () => {
    const set: SigningMaterialView[] = [
      { login: "chuyenvien", certificate: null, image: "data:image/png;base64,AA==", sealDiameterMm: null },
      { login: null, certificate: null, image: "data:image/png;base64,BB==", sealDiameterMm: 36 },
    ];
    const rows = signingRows("Sở Thông tin và Truyền thông", people, set);
    expect(rows.map((r) => r.login)).toEqual([null, "giamdoc", "chuyenvien", "phogiamdoc"]);
    expect(rows[0]?.material.sealDiameterMm).toBe(36);
    expect(rows[2]?.material.image).toBe("data:image/png;base64,AA==");
    expect(rows[1]?.material).toEqual({ login: "giamdoc", certificate: null, image: null, sealDiameterMm: null });
  });
});

describe("certificateLine", () => {
  const base = { path: "/k/a.cer", fileName: "a.cer", pkcs12: false, holder: null, validTo: null, problem: null };
  it("says what a certificate file holds and what signing will ask", () => {
    expect(certificateLine(null)).toBe("Chưa có chứng thư số");
    expect(certificateLine({ ...base, fileName: "stttt.p12", pkcs12: true })).toBe("stttt.p12 (tệp PKCS#12: mật khẩu được hỏi khi ký)");
    expect(certificateLine({ ...base, holder: "Lê Văn Cường", validTo: "01/01/2030" })).toBe(
      "a.cer (Lê Văn Cường, hiệu lực đến 01/01/2030; khóa trên thiết bị ký số)",
    );
  });
  it("puts a problem first", () => {
    expect(certificateLine({ ...base, holder: "X", problem: "Chứng thư số không còn hiệu lực." })).toBe("a.cer: Chứng thư số không còn hiệu lực.");
  });
});

describe("parseDiameter", () => {
  it("reads whole millimetres, with or without the unit", () => {
    expect(parseDiameter("36")).toEqual({ value: 36, error: null });
    expect(parseDiameter(" 40 mm ")).toEqual({ value: 40, error: null });
    expect(parseDiameter("")).toEqual({ value: null, error: null });
  });
  it("refuses what is not a number of millimetres", () => {
    expect(parseDiameter("3,6 cm").error).toMatch(/số milimét/);
    expect(parseDiameter("-5").error).not.toBeNull();
  });
});
