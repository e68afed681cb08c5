-- eventwire store, schema version 4.
-- The names (capitalised words) of each signed text version: two short briefs that share
-- most of their wording but name another town or person are two stories, not copies.
-- NULL for versions signed before this column existed (the names test is then skipped).
ALTER TABLE article_minhash ADD COLUMN names VARCHAR[];
