-- Search finds documents by their subject first (issue 15), as migrations/0006: the subject's
-- words in a vector of their own with its own index, whose short entries rank fast however
-- many documents the words are in.
ALTER TABLE search ADD COLUMN subject_words TSVECTOR GENERATED ALWAYS AS (
    to_tsvector('simple'::regconfig, subject)
) STORED;
CREATE INDEX search_subject_words ON search USING GIN (subject_words);
