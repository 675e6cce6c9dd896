import { describe, expect, it } from "vitest";
import type { TemplateView } from "./api";
import type { Document } from "./document";
import { choiceKey, filterTemplates, fold, groupTemplates, parseChoice, suggestTemplateName, templateNameProblem } from "./templates";

const t = (name: string, title: string, origin: "shipped" | "organisation", typeName = "Công văn"): TemplateView => ({
  name,
  title,
  docType: "cong-van",
  typeName,
  origin,
  savedBy: origin === "organisation" ? "chuyenvien" : null,
  savedAt: null,
});

const list = [
  t("cong-van-huong-dan", "Công văn hướng dẫn (Kính gửi các sở, ngành)", "shipped"),
  t("giay-moi", "Giấy mời", "shipped", "Giấy mời"),
  t("Công văn đôn đốc báo cáo", "Công văn: V/v đôn đốc báo cáo quý", "organisation"),
];

describe("the template chooser", () => {
  it("keys a choice and reads it back", () => {
    for (const c of [{ kind: "blank", docType: "to-trinh" }, { kind: "template", name: "Mẫu: có dấu hai chấm" }] as const) {
      expect(parseChoice(choiceKey(c))).toEqual(c);
    }
    expect(parseChoice("blank:")).toBeNull();
    expect(parseChoice("khác")).toBeNull();
  });

  it("filters without accents, every word", () => {
    expect(fold("Đôn đốc BÁO CÁO")).toBe("don doc bao cao");
    expect(filterTemplates(list, "don doc").map((x) => x.name)).toEqual(["Công văn đôn đốc báo cáo"]);
    expect(filterTemplates(list, "cong van").length).toBe(2);
    expect(filterTemplates(list, "giay moi hop")).toEqual([]);
    expect(filterTemplates(list, "  ").length).toBe(3);
  });

  it("lists shipped templates before the organisation's", () => {
    const g = groupTemplates([list[2]!, list[0]!, list[1]!]);
    expect(g.shipped.map((x) => x.name)).toEqual(["cong-van-huong-dan", "giay-moi"]);
    expect(g.organisation.map((x) => x.name)).toEqual(["Công văn đôn đốc báo cáo"]);
  });
});

describe("saving as a template", () => {
  const doc = (subject: string) => ({ subject }) as unknown as Document;

  it("offers the type and subject as the name, shortened at a word", () => {
    expect(suggestTemplateName(doc("  hướng dẫn   chuyển đổi số "), "Công văn")).toBe("Công văn hướng dẫn chuyển đổi số");
    expect(suggestTemplateName(doc(""), "Giấy mời")).toBe("Giấy mời");
    const long = suggestTemplateName(doc("triển khai ".repeat(20)), "Kế hoạch");
    expect(long.length).toBeLessThanOrEqual(82);
    expect(long.endsWith(" …")).toBe(true);
    expect(long).not.toMatch(/triể …$/);
  });

  it("names the field in what it refuses", () => {
    expect(templateNameProblem("   ", list)).toContain("Tên mẫu");
    expect(templateNameProblem("x".repeat(121), list)).toContain("120");
    expect(templateNameProblem("giay-moi", list)).toContain("mẫu có sẵn");
    expect(templateNameProblem(" Công văn  đôn đốc báo cáo ", list)).toContain("đã có mẫu");
    expect(templateNameProblem("Công văn mới", list)).toBeNull();
  });
});
