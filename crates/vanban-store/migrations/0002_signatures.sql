-- Digital signatures (issue 7): what the directory says each person and body signs with, and
-- the signed PDFs of documents.

-- The certificate file (a password-protected PKCS#12 file: the key never leaves it
-- unencrypted, and no password is ever stored) and the image a person signs with, or a body
-- seals with. The images are kept here so that every computer of the body signs alike.
CREATE TABLE signing_material (
    owner_kind       TEXT    NOT NULL CHECK (owner_kind IN ('person', 'body')),
    owner_id         INTEGER NOT NULL,
    certificate      TEXT,
    image_png        BLOB,
    seal_diameter_mm INTEGER CHECK (seal_diameter_mm IS NULL OR seal_diameter_mm BETWEEN 10 AND 80),
    PRIMARY KEY (owner_kind, owner_id)
);

-- A signed PDF of a document: the signer's (state signed, number and date blank), then the
-- agency's (at issue: the same file with the number, date and seal added as an update).
CREATE TABLE signed_pdfs (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents (id),
    revision_no INTEGER NOT NULL,
    stage       TEXT    NOT NULL CHECK (stage IN ('signer', 'agency')),
    sha256      TEXT    NOT NULL,
    pdf         BLOB    NOT NULL,
    person_id   INTEGER NOT NULL REFERENCES people (id),
    at          TEXT    NOT NULL,
    UNIQUE (document_id, stage)
);

CREATE TRIGGER signed_pdfs_are_never_changed BEFORE UPDATE ON signed_pdfs
BEGIN
    SELECT RAISE(ABORT, 'vanban: signed files are never changed');
END;

CREATE TRIGGER signed_pdfs_are_never_deleted BEFORE DELETE ON signed_pdfs
BEGIN
    SELECT RAISE(ABORT, 'vanban: signed files are never deleted');
END;
