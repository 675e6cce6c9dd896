-- An organisation's own document templates (issue 8): a document saved as a template ("Lưu làm
-- mẫu"), kept per body so that everybody of the body starts from it. The content is the
-- `vanban/1` JSON; the name is unique within the body. A template is replaced only by deleting
-- it and saving again; both are in the audit record.
CREATE TABLE templates (
    id         INTEGER PRIMARY KEY,
    body_id    INTEGER NOT NULL REFERENCES bodies (id),
    name       TEXT    NOT NULL CHECK (length(trim(name)) > 0),
    doc_type   TEXT    NOT NULL,
    title      TEXT    NOT NULL,
    content    TEXT    NOT NULL,
    person_id  INTEGER NOT NULL REFERENCES people (id),
    at         TEXT    NOT NULL,
    UNIQUE (body_id, name)
);
