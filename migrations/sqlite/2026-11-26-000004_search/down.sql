DROP TABLE backfills;
DROP TABLE status_words;
DROP TABLE account_search_terms;
