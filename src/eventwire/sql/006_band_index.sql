-- eventwire store, schema version 6.
-- Near-duplicate candidates are found by looking up a new article's 32 LSH band hashes:
-- an index makes that a look-up rather than a scan of every band of the archive (the hashes
-- are given as constants: a list parameter is joined by a scan instead).
CREATE INDEX article_bands_hash ON article_bands (band_hash);
