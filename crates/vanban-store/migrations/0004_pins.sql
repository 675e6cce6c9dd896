-- People's PINs and the directory's editing (issue 6). Numbered 0004: 0003 is the templates'
-- migration of another change; this one depends on nothing of it (only on 0001), so it applies
-- after 0002 as well as after 0003.

-- A person's PIN, asked for when they pick who they are in the desktop app. Only a salted,
-- slow hash is kept (Argon2id in the PHC string format, "$argon2id$v=19$m=…"), never the PIN.
CREATE TABLE pins (
    person_id INTEGER PRIMARY KEY REFERENCES people (id),
    hash      TEXT    NOT NULL CHECK (hash LIKE '$argon2%')
);

-- A unit that was dissolved or merged is kept (people and documents name it) but no longer
-- offered in the forms' pickers.
ALTER TABLE units ADD COLUMN active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1));
