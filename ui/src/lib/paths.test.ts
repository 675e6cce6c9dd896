import { describe, expect, it } from "vitest";
import { isPathPrefix, joinPath, resolveField, splitPath } from "./paths";

const fields = [
  "header.parent_body.name",
  "header.issuing_body.name",
  "header.place",
  "subject",
  "body.sections[0].title",
  "body.sections[0].subsections[0].title",
  "body.sections[0].subsections[0].blocks[0].text",
  "body.sections[1].title",
  "body.sections[10].title",
  "closing",
  "signature.title",
  "signature.name",
  "recipients.entries[0].name",
];

describe("resolveField", () => {
  it("goes to the field itself", () => {
    expect(resolveField("subject", fields)).toBe("subject");
    expect(resolveField("signature.name", fields)).toBe("signature.name");
  });
  it("goes to the first field inside a part", () => {
    expect(resolveField("recipients.entries", fields)).toBe("recipients.entries[0].name");
    expect(resolveField("body.sections[0]", fields)).toBe("body.sections[0].title");
    expect(resolveField("body.sections[1]", fields)).toBe("body.sections[1].title");
  });
  it("does not confuse section 1 with section 10", () => {
    expect(resolveField("body.sections[1].number_from", fields)).toBe("body.sections[1].title");
    expect(isPathPrefix("body.sections[1]", "body.sections[10].title")).toBe(false);
  });
  it("goes to the nearest shown part for a part the form does not show", () => {
    expect(resolveField("header.issuing_body.abbreviation", fields)).toBe(
      "header.issuing_body.name",
    );
    // A list the form does not show: the nearest paragraph of the same section.
    expect(resolveField("body.sections[0].subsections[0].blocks[3].items[0]", fields)).toBe(
      "body.sections[0].subsections[0].blocks[0].text",
    );
    expect(resolveField("body.sections[1].blocks[0]", fields)).toBe("body.sections[1].title");
  });
  it("gives nothing for an unrelated path", () => {
    expect(resolveField("appendices[0].title", fields)).toBeNull();
  });
});

describe("splitPath and joinPath", () => {
  it("round-trip", () => {
    for (const p of ["subject", "body.sections[1].subsections[0].title", "tasks[0][2]"]) {
      expect(joinPath(splitPath(p))).toBe(p);
    }
    expect(splitPath("body.sections[1].title")).toEqual(["body", "sections", 1, "title"]);
  });
});
