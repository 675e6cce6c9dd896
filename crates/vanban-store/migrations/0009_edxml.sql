-- The national exchange package (edXML, QCVN 102:2016/BTTTT; issue 18): each body's organ id
-- (mã định danh, QĐ 20/2020/QĐ-TTg), the organs a body sends packages to, the organ a
-- distribution went to, and the status messages recipients send back. A status is never
-- overwritten: each message is a new row, the latest one is where the recipient stands.

ALTER TABLE bodies ADD COLUMN organ_id TEXT;
CREATE UNIQUE INDEX bodies_by_organ_id ON bodies (organ_id) WHERE organ_id IS NOT NULL;

-- The recipients of a body that have an organ id: what `--to ORGAN_ID` names.
CREATE TABLE organs (
    id        INTEGER PRIMARY KEY,
    body_id   INTEGER NOT NULL REFERENCES bodies(id),
    organ_id  TEXT NOT NULL,
    name      TEXT NOT NULL,
    address   TEXT,
    email     TEXT,
    telephone TEXT,
    UNIQUE (body_id, organ_id)
);

ALTER TABLE distributions ADD COLUMN organ_id TEXT;
CREATE INDEX distributions_by_organ ON distributions (document_id, organ_id);

-- One row per status message received (StatusCode 01, 02, 03, 04, 05, 06, 13, 15, 16).
CREATE TABLE distribution_statuses (
    id           INTEGER PRIMARY KEY,
    document_id  INTEGER NOT NULL REFERENCES documents(id),
    organ_id     TEXT NOT NULL,
    code         TEXT NOT NULL,
    description  TEXT,
    reported_at  TEXT NOT NULL,       -- the message's Timestamp as written
    staff        TEXT,
    person_id    INTEGER NOT NULL REFERENCES people(id),
    at           TEXT NOT NULL
);
CREATE INDEX distribution_statuses_by_document ON distribution_statuses (document_id, organ_id, id);

CREATE TRIGGER distribution_statuses_are_append_only BEFORE UPDATE ON distribution_statuses
BEGIN
    SELECT RAISE(ABORT, 'vanban: statuses are never changed');
END;

CREATE TRIGGER distribution_statuses_are_never_deleted BEFORE DELETE ON distribution_statuses
BEGIN
    SELECT RAISE(ABORT, 'vanban: statuses are never deleted');
END;
