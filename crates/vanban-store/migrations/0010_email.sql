-- Sending issued documents by e-mail (issue 18, part 3; docs/email.md): each body's own address
-- and SMTP settings (never a password), the address book of recipients as printed in Nơi nhận,
-- what an organ's e-mail carries, and one row per step of each message sent: the attempt (with
-- the Message-ID chosen before the SMTP transaction), then its outcome. A row is never changed
-- nor deleted: the latest row of a recipient is where it stands.

ALTER TABLE bodies ADD COLUMN email TEXT;
ALTER TABLE organs ADD COLUMN attach TEXT;

CREATE TABLE smtp_settings (
    body_id      INTEGER PRIMARY KEY REFERENCES bodies(id),
    host         TEXT NOT NULL,
    port         INTEGER NOT NULL,
    tls          TEXT NOT NULL CHECK (tls IN ('starttls', 'tls', 'none')),
    username     TEXT,
    sender       TEXT NOT NULL,
    sender_name  TEXT
);

CREATE TABLE addresses (
    id       INTEGER PRIMARY KEY,
    body_id  INTEGER NOT NULL REFERENCES bodies(id),
    name     TEXT NOT NULL,
    email    TEXT NOT NULL,
    UNIQUE (body_id, name)
);

CREATE TABLE email_sends (
    id           INTEGER PRIMARY KEY,
    document_id  INTEGER NOT NULL REFERENCES documents(id),
    recipient    TEXT NOT NULL,        -- as printed in Nơi nhận
    email        TEXT NOT NULL,
    message_id   TEXT NOT NULL,
    outcome      TEXT NOT NULL CHECK (outcome IN ('attempt', 'sent', 'failed')),
    error        TEXT,
    person_id    INTEGER NOT NULL REFERENCES people(id),
    at           TEXT NOT NULL
);
CREATE INDEX email_sends_by_document ON email_sends (document_id, recipient, id);

CREATE TRIGGER email_sends_are_append_only BEFORE UPDATE ON email_sends
BEGIN
    SELECT RAISE(ABORT, 'vanban: e-mail records are never changed');
END;

CREATE TRIGGER email_sends_are_never_deleted BEFORE DELETE ON email_sends
BEGIN
    SELECT RAISE(ABORT, 'vanban: e-mail records are never deleted');
END;
