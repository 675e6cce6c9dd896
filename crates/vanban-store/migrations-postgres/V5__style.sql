-- The style profile of a body (issue 6), as migrations/0005_style.sql.
CREATE TABLE style_profiles (
    body_id   BIGINT PRIMARY KEY REFERENCES bodies (id),
    toml      TEXT   NOT NULL CHECK (length(trim(toml)) > 0),
    person_id BIGINT NOT NULL REFERENCES people (id),
    at        TEXT   NOT NULL
);

ALTER TABLE signed_pdfs ADD COLUMN style_toml TEXT;
