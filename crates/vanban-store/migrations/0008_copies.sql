-- Copies of issued documents (issue 18): sao y, sao lục, trích sao (Nghị định 30, Điều 25–27).

-- Who the head named to sign the body's copies (Điều 27), besides the head; set by the
-- directory (`copy_signers` of a body), replaced whole at each import.
CREATE TABLE copy_signers (
    body_id   INTEGER NOT NULL REFERENCES bodies(id),
    person_id INTEGER NOT NULL REFERENCES people(id),
    PRIMARY KEY (body_id, person_id)
);

-- The copy register: one number series per body and year shared by the three kinds, from 1 on
-- 1 January; taken under the lock of the body's row, so never given twice nor skipped.
-- `source_copy_id`: the sao y a sao lục was made from. `form`: 'paper' or 'electronic'; an
-- electronic copy keeps its signed PDF (a sao lục of it is signed over it).
CREATE TABLE copies (
    id             INTEGER PRIMARY KEY,
    body_id        INTEGER NOT NULL REFERENCES bodies(id),
    year           INTEGER NOT NULL,
    number         INTEGER NOT NULL CHECK (number >= 1),
    kind           TEXT NOT NULL CHECK (kind IN ('sao-y', 'sao-luc', 'trich-sao')),
    symbol         TEXT NOT NULL,
    number_symbol  TEXT NOT NULL,
    made_on        TEXT NOT NULL,
    document_id    INTEGER NOT NULL REFERENCES documents(id),
    source_copy_id INTEGER REFERENCES copies(id),
    form           TEXT NOT NULL CHECK (form IN ('paper', 'electronic')),
    parts          TEXT NOT NULL,          -- JSON array of the model's paths (trích sao)
    original       TEXT NOT NULL,          -- the original's number and symbol
    type_and_subject TEXT NOT NULL,
    signer         TEXT NOT NULL,          -- who signed the copy: authority, title, name
    recipients     TEXT NOT NULL,
    clerk_id       INTEGER NOT NULL REFERENCES people(id),
    at             TEXT NOT NULL,
    sha256         TEXT,
    pdf            BLOB,
    UNIQUE (body_id, year, number),
    UNIQUE (body_id, year, number_symbol)
);
CREATE INDEX copies_by_document ON copies (document_id, id);

CREATE TRIGGER copies_are_frozen BEFORE UPDATE ON copies
BEGIN
    SELECT RAISE(ABORT, 'vanban: register entries are never changed');
END;

CREATE TRIGGER copies_are_never_deleted BEFORE DELETE ON copies
BEGIN
    SELECT RAISE(ABORT, 'vanban: register entries are never deleted');
END;
