-- eventwire store, schema version 2: incidents and articles seen under several addresses.
-- Existing events get incident_id NULL here; the next ingest (or recode) groups them, since
-- grouping is Python (eventwire.incidents), not SQL.

-- The incident each event belongs to (a singleton incident for an event told once).
ALTER TABLE events ADD COLUMN incident_id VARCHAR;

-- One row per incident: the best-supported fields as columns, the whole record (members with
-- their article and evidence, merge reasons, figure ranges) as JSON.
CREATE TABLE incidents (
    id VARCHAR PRIMARY KEY,
    type VARCHAR NOT NULL,
    mode VARCHAR,
    date_start DATE,
    date_end DATE,
    location_country VARCHAR,
    location_name VARCHAR,
    lat DOUBLE,
    lon DOUBLE,
    dead INTEGER,
    injured INTEGER,
    arrested INTEGER,
    num_events INTEGER NOT NULL,
    num_articles INTEGER NOT NULL,
    num_sources INTEGER NOT NULL,
    first_seen TIMESTAMP,
    last_seen TIMESTAMP,
    block_country VARCHAR,  -- the country the incident is blocked under (place, else parties)
    record JSON NOT NULL
);

-- Every address an article was seen under: its own, and those of its near-duplicates.
CREATE TABLE article_urls (
    article_id VARCHAR NOT NULL,
    url VARCHAR NOT NULL,  -- the URL, or the input's path when it came without one
    publisher VARCHAR,
    published VARCHAR,
    PRIMARY KEY (article_id, url)
);
INSERT INTO article_urls
SELECT id, coalesce(url, source, id), any_value(publisher), any_value(published)
FROM articles GROUP BY id, coalesce(url, source, id);

-- MinHash signatures of every version of an article's text seen (near-duplicate detection),
-- keyed by that text's own id and pointing to the stored article, and their LSH band hashes:
-- a new article is compared with the archive by a lookup, not a scan of texts, and a copy
-- of an older version is still recognised after a newer one replaced it.
CREATE TABLE article_minhash (
    text_id VARCHAR PRIMARY KEY,
    article_id VARCHAR NOT NULL,
    shingles INTEGER NOT NULL,
    text_chars INTEGER NOT NULL,
    signature UBIGINT[] NOT NULL
);
CREATE TABLE article_bands (
    band_hash BIGINT NOT NULL,
    text_id VARCHAR NOT NULL
);
