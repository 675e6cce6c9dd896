-- Search (issue 15): the subjects on their own in a second full-text index, whose short entries
-- rank fast however many documents the words are in; and prefix indexes on both, so that the
-- last, unfinished word of a search ("chuyen doi s…") is found as fast as a whole one. rowid =
-- document id, the text folded by the application as before.
CREATE VIRTUAL TABLE search_new USING fts5 (
    subject, content, tokenize = 'unicode61', prefix = '2 3 4 5 6'
);
INSERT INTO search_new (rowid, subject, content) SELECT rowid, subject, content FROM search;
DROP TABLE search;
ALTER TABLE search_new RENAME TO search;
CREATE VIRTUAL TABLE search_subject USING fts5 (
    subject, tokenize = 'unicode61', prefix = '2 3 4 5 6'
);
INSERT INTO search_subject (rowid, subject) SELECT rowid, subject FROM search;
