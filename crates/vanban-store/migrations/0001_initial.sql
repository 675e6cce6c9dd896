-- VănBản store, schema 1. Kept to SQL that PostgreSQL also reads where it costs nothing; the
-- SQLite-only parts are the application id, the FTS5 table and the trigger bodies.

-- 'VBN1': tells a VănBản database from any other SQLite file.
PRAGMA application_id = 1447185969;

-- The directory ------------------------------------------------------------------------------

CREATE TABLE bodies (
    id            INTEGER PRIMARY KEY,
    abbreviation  TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    parent_name   TEXT,
    place         TEXT NOT NULL,
    address_line  TEXT
);

CREATE TABLE units (
    id            INTEGER PRIMARY KEY,
    body_id       INTEGER NOT NULL REFERENCES bodies(id),
    abbreviation  TEXT NOT NULL,
    name          TEXT NOT NULL,
    UNIQUE (body_id, abbreviation)
);

CREATE TABLE people (
    id        INTEGER PRIMARY KEY,
    login     TEXT NOT NULL UNIQUE,
    name      TEXT NOT NULL,
    titles    TEXT NOT NULL,          -- JSON array of strings
    roles     TEXT NOT NULL,          -- JSON array of role names
    body_id   INTEGER REFERENCES bodies(id),
    unit_id   INTEGER REFERENCES units(id)
);

-- Who may sign for whom: `delegate` signs with `kind` (KT, TL, TUQ, Q) for the head whose title
-- is `of`, between two dates.
CREATE TABLE delegations (
    id           INTEGER PRIMARY KEY,
    body_id      INTEGER NOT NULL REFERENCES bodies(id),
    delegator_id INTEGER REFERENCES people(id),
    delegate_id  INTEGER NOT NULL REFERENCES people(id),
    kind         TEXT NOT NULL,
    of_title     TEXT NOT NULL,
    valid_from   TEXT NOT NULL,
    valid_to     TEXT,
    UNIQUE (delegate_id, kind, of_title, valid_from)
);

CREATE TABLE recipient_groups (
    id       INTEGER PRIMARY KEY,
    body_id  INTEGER NOT NULL REFERENCES bodies(id),
    name     TEXT NOT NULL,
    members  TEXT NOT NULL,           -- JSON array of recipient names
    UNIQUE (body_id, name)
);

CREATE TABLE registers (
    id        INTEGER PRIMARY KEY,
    body_id   INTEGER NOT NULL REFERENCES bodies(id),
    name      TEXT NOT NULL,
    doc_types TEXT NOT NULL,          -- JSON array of type slugs; empty = every type
    secret    INTEGER NOT NULL DEFAULT 0,
    UNIQUE (body_id, name)
);

-- Documents ----------------------------------------------------------------------------------

CREATE TABLE documents (
    id                INTEGER PRIMARY KEY,
    body_id           INTEGER NOT NULL REFERENCES bodies(id),
    owner_id          INTEGER NOT NULL REFERENCES people(id),
    doc_type          TEXT NOT NULL,
    subject           TEXT NOT NULL,
    state             TEXT NOT NULL,
    current_revision  INTEGER NOT NULL,
    approved_revision INTEGER,
    signed_revision   INTEGER,
    signed_by         INTEGER REFERENCES people(id),
    issued_revision   INTEGER,
    copied_from       INTEGER REFERENCES documents(id),
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    CHECK (state IN ('draft', 'in-review', 'approved', 'signed', 'issued', 'discarded'))
);
CREATE INDEX documents_by_update ON documents (updated_at DESC, id DESC);
CREATE INDEX documents_by_state ON documents (state, updated_at DESC, id DESC);

-- Every save is a revision: the full JSON of the model, its author, time and SHA-256.
CREATE TABLE revisions (
    document_id  INTEGER NOT NULL REFERENCES documents(id),
    no           INTEGER NOT NULL,
    author_id    INTEGER NOT NULL REFERENCES people(id),
    at           TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    doc_type     TEXT NOT NULL,
    subject      TEXT NOT NULL,
    content      TEXT NOT NULL,
    PRIMARY KEY (document_id, no)
);

CREATE TABLE state_changes (
    id           INTEGER PRIMARY KEY,
    document_id  INTEGER NOT NULL REFERENCES documents(id),
    from_state   TEXT,
    to_state     TEXT NOT NULL,
    revision_no  INTEGER NOT NULL,
    person_id    INTEGER NOT NULL REFERENCES people(id),
    at           TEXT NOT NULL,
    note         TEXT
);
CREATE INDEX state_changes_by_document ON state_changes (document_id, id);

CREATE TABLE comments (
    id           INTEGER PRIMARY KEY,
    document_id  INTEGER NOT NULL REFERENCES documents(id),
    revision_no  INTEGER NOT NULL,
    anchor       TEXT NOT NULL,
    text         TEXT NOT NULL,
    person_id    INTEGER NOT NULL REFERENCES people(id),
    at           TEXT NOT NULL
);
CREATE INDEX comments_by_document ON comments (document_id, id);

-- The outgoing register ----------------------------------------------------------------------

CREATE TABLE register_entries (
    id            INTEGER PRIMARY KEY,
    register_id   INTEGER NOT NULL REFERENCES registers(id),
    body_id       INTEGER NOT NULL REFERENCES bodies(id),
    year          INTEGER NOT NULL,
    number        INTEGER NOT NULL CHECK (number >= 1),
    symbol        TEXT NOT NULL,
    number_symbol TEXT NOT NULL,
    issued_on     TEXT NOT NULL,
    document_id   INTEGER NOT NULL UNIQUE REFERENCES documents(id),
    revision_no   INTEGER NOT NULL,
    doc_type      TEXT NOT NULL,
    type_and_subject TEXT NOT NULL,
    signer        TEXT NOT NULL,
    recipients    TEXT NOT NULL,
    file_copy     TEXT NOT NULL,
    copies        INTEGER,
    clerk_id      INTEGER NOT NULL REFERENCES people(id),
    UNIQUE (register_id, year, number),
    UNIQUE (body_id, year, number_symbol)
);

CREATE TABLE distributions (
    id           INTEGER PRIMARY KEY,
    document_id  INTEGER NOT NULL REFERENCES documents(id),
    recipient    TEXT NOT NULL,
    channel      TEXT NOT NULL,
    sent_on      TEXT NOT NULL,
    note         TEXT,
    person_id    INTEGER NOT NULL REFERENCES people(id),
    at           TEXT NOT NULL
);
CREATE INDEX distributions_by_document ON distributions (document_id, id);

-- The audit record ---------------------------------------------------------------------------

CREATE TABLE audit (
    seq           INTEGER PRIMARY KEY,
    at            TEXT NOT NULL,
    actor         TEXT NOT NULL,
    action        TEXT NOT NULL,
    document_id   INTEGER,
    revision_hash TEXT,
    details       TEXT NOT NULL,
    prev_hash     TEXT NOT NULL,
    hash          TEXT NOT NULL
);

-- The last row's number and hash, so that removing rows from the end is seen too.
CREATE TABLE audit_head (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    seq   INTEGER NOT NULL,
    hash  TEXT NOT NULL
);

-- Search -------------------------------------------------------------------------------------

-- Subject and text with diacritics folded away by the application ("chuyển đổi số" →
-- "chuyen doi so"); rowid = document id.
CREATE VIRTUAL TABLE search USING fts5 (subject, content, tokenize = 'unicode61');

-- What may never change ----------------------------------------------------------------------

CREATE TRIGGER revisions_are_append_only BEFORE UPDATE ON revisions
BEGIN
    SELECT RAISE(ABORT, 'vanban: revisions are never changed');
END;

CREATE TRIGGER revisions_are_never_deleted BEFORE DELETE ON revisions
BEGIN
    SELECT RAISE(ABORT, 'vanban: revisions are never deleted');
END;

CREATE TRIGGER issued_documents_are_frozen BEFORE UPDATE ON documents
WHEN OLD.state = 'issued'
BEGIN
    SELECT RAISE(ABORT, 'vanban: an issued document is frozen');
END;

CREATE TRIGGER no_revision_after_issue BEFORE INSERT ON revisions
WHEN (SELECT state FROM documents WHERE id = NEW.document_id) = 'issued'
BEGIN
    SELECT RAISE(ABORT, 'vanban: an issued document is frozen');
END;

CREATE TRIGGER documents_are_never_deleted BEFORE DELETE ON documents
BEGIN
    SELECT RAISE(ABORT, 'vanban: documents are never deleted');
END;

CREATE TRIGGER register_entries_are_frozen BEFORE UPDATE ON register_entries
BEGIN
    SELECT RAISE(ABORT, 'vanban: register entries are never changed');
END;

CREATE TRIGGER register_entries_are_never_deleted BEFORE DELETE ON register_entries
BEGIN
    SELECT RAISE(ABORT, 'vanban: register entries are never deleted');
END;

CREATE TRIGGER audit_is_append_only BEFORE UPDATE ON audit
BEGIN
    SELECT RAISE(ABORT, 'vanban: the audit record is append-only');
END;

CREATE TRIGGER audit_rows_are_never_deleted BEFORE DELETE ON audit
BEGIN
    SELECT RAISE(ABORT, 'vanban: the audit record is append-only');
END;
