import { expect, it } from "vitest";
import { isStyled, plainText } from "./richtext";

it("reads plain and styled text", () => {
  expect(plainText("Mục đích")).toBe("Mục đích");
  expect(plainText(["Căn cứ ", { text: "Luật", bold: true }])).toBe("Căn cứ Luật");
  expect(plainText(null)).toBe("");
  expect(isStyled(["a", { text: "b", italic: true }])).toBe(true);
  expect(isStyled("a")).toBe(false);
});
