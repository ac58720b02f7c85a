DROP TABLE backfills;
ALTER TABLE tags ALTER COLUMN name_key TYPE TEXT COLLATE "default";
DROP TABLE status_words;
DROP TABLE account_search_terms;
