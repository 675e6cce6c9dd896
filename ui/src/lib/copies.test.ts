import { describe, expect, it } from "vitest";
import type { CopyEntryView, DistributionStatusView, DistributionView, OrganView } from "./api";
import { certifyRequest, copyLine, messageWords, organStates, saoYOf, statusWords, type CopyFormState } from "./copies";

const copy = (numberSymbol: string, kind: string, electronic = true): CopyEntryView => ({
  numberSymbol,
  madeOn: "2025-03-06",
  kind,
  electronic,
  document: 1,
  original: "01/KH-UBND",
  typeAndSubject: "Kế hoạch …",
  signer: "Phạm Tấn Hòa",
  recipients: ["- Lưu: VT."],
  parts: [],
});

const form = (over: Partial<CopyFormState> = {}): CopyFormState => ({
  kind: "sao-y",
  form: "electronic",
  signer: "",
  fromCopy: "",
  parts: [],
  recipients: "",
  ...over,
});

describe("the copy form's request", () => {
  it("keeps only the lines typed in Nơi nhận and leaves the signer to the head when none is chosen", () => {
    const out = certifyRequest(form({ recipients: "- Sở Tài chính;\n\n  - Lưu: VT.  \n" }), []);
    expect(out).toEqual({
      request: { kind: "sao-y", form: "electronic", parts: [], signer: null, fromCopy: null, recipients: ["- Sở Tài chính;", "- Lưu: VT."] },
    });
  });

  it("refuses a trích sao with no part and a sao lục without a sao y, saying why", () => {
    expect(certifyRequest(form({ kind: "trich-sao" }), [])).toEqual({ problem: expect.stringContaining("chọn ít nhất một phần") });
    expect(certifyRequest(form({ kind: "sao-luc" }), [copy("01/TrS-UBND", "TRÍCH SAO")])).toEqual({
      problem: expect.stringContaining("chưa có bản sao y"),
    });
  });

  it("sends the parts only for a trích sao and the source only for a sao lục", () => {
    const parts = ["body.sections[1]", "appendices[0]"];
    const t = certifyRequest(form({ kind: "trich-sao", parts, fromCopy: "01/SY-UBND" }), []);
    expect(t).toMatchObject({ request: { parts, fromCopy: null } });
    const l = certifyRequest(form({ kind: "sao-luc", parts, fromCopy: "01/SY-UBND" }), [copy("01/SY-UBND", "SAO Y")]);
    expect(l).toMatchObject({ request: { parts: [], fromCopy: "01/SY-UBND" } });
  });
});

it("offers the sao y copies, newest first, for a sao lục", () => {
  const all = [copy("01/SY-UBND", "SAO Y"), copy("02/SL-UBND", "SAO LỤC"), copy("03/SY-UBND", "SAO Y")];
  expect(saoYOf(all).map((c) => c.numberSymbol)).toEqual(["03/SY-UBND", "01/SY-UBND"]);
  expect(copyLine(all[1]!)).toBe("02/SL-UBND · Sao lục · bản điện tử · 06/03/2025");
});

describe("the recipients of edXML packages", () => {
  const organs: OrganView[] = [
    { organId: "000.00.21.H40", name: "Sở Thông tin và Truyền thông tỉnh Long An", email: null },
    { organId: "000.00.22.H40", name: "Báo Long An", email: null },
  ];
  const sent: DistributionView[] = [
    { recipient: "Báo Long An", channel: "edXML", sentOn: "2025-03-06", note: null, person: "vanthu", organId: "000.00.22.H40" },
  ];
  const status = (code: string, label: string, description: string | null = null): DistributionStatusView => ({
    organId: "000.00.22.H40",
    code,
    label,
    description,
    reportedAt: "2025/03/07 08:30:00",
    staff: null,
  });

  it("stand where their latest answer puts them; one never sent stands nowhere", () => {
    const states = organStates(organs, sent, [status("03", "đã tiếp nhận"), status("06", "hoàn thành")]);
    expect(states[0]).toMatchObject({ sentOn: [], latest: null, answers: 0 });
    expect(states[1]).toMatchObject({ sentOn: ["2025-03-06"], answers: 2, latest: { code: "06" } });
    expect(statusWords(states[1]!.latest!)).toBe("06 — hoàn thành (2025/03/07 08:30:00)");
  });

  it("say why they refused", () => {
    expect(statusWords(status("02", "từ chối tiếp nhận", "Gửi nhầm cơ quan"))).toBe(
      "02 — từ chối tiếp nhận: Gửi nhầm cơ quan (2025/03/07 08:30:00)",
    );
    expect(messageWords({ kind: "status", document: 1, from: "Báo Long An (000.00.22.H40)", code: "03", label: "đã tiếp nhận", description: null })).toBe(
      "Đã ghi trạng thái từ Báo Long An (000.00.22.H40): 03 — đã tiếp nhận.",
    );
  });
});
