-- People's PINs and the directory's editing (issue 6), as migrations/0004_pins.sql. V4: V3 is
-- the templates' migration of another change; this one depends only on V1.

CREATE TABLE pins (
    person_id BIGINT PRIMARY KEY REFERENCES people (id),
    hash      TEXT   NOT NULL CHECK (hash LIKE '$argon2%')
);

ALTER TABLE units ADD COLUMN active BOOLEAN NOT NULL DEFAULT TRUE;
