-- The style profile of a body (issue 6, the settings screen): the values of its style sheet
-- chosen within the decree's ranges, kept as the TOML text `vanban-render` reads and checks. No
-- row: the decree's default sheet (templates/nd30.toml). Set and cleared with an audit row
-- holding the text's SHA-256.
CREATE TABLE style_profiles (
    body_id   INTEGER PRIMARY KEY REFERENCES bodies (id),
    toml      TEXT    NOT NULL CHECK (length(trim(toml)) > 0),
    person_id INTEGER NOT NULL REFERENCES people (id),
    at        TEXT    NOT NULL
);

-- The sheet the signer's PDF was laid out with: at issue the number and date are drawn into
-- its blank fields with the same sheet, whatever the profile is by then. NULL: the decree's
-- default sheet (files signed before this migration were all laid out with it).
ALTER TABLE signed_pdfs ADD COLUMN style_toml TEXT;
