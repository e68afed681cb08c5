-- eventwire store, schema version 1.
-- Applied by eventwire.store inside one transaction; later changes go in 002_*.sql and so on,
-- never in this file, so that existing databases upgrade in place.

-- Settings chosen when the store was created (keep_text, created_with), one row per key.
CREATE TABLE meta (
    key VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL
);

-- One row per stored article. text is NULL in an "evidence only" store (keep_text = false).
-- stored_seq is the insertion order that iter_articles and iter_events follow.
CREATE TABLE articles (
    id VARCHAR PRIMARY KEY,
    stored_seq BIGINT NOT NULL UNIQUE,
    stored_at TIMESTAMP NOT NULL,  -- UTC
    text VARCHAR,
    title VARCHAR,
    body_start INTEGER NOT NULL DEFAULT 0,
    publisher VARCHAR,
    published VARCHAR,
    section VARCHAR,
    authors VARCHAR[],
    editors VARCHAR[],
    url VARCHAR,
    source VARCHAR,
    source_id VARCHAR,
    lang VARCHAR,
    lang_score DOUBLE,
    warnings VARCHAR[]
);

-- One row per event. record holds the whole event (records.to_dict) so nothing is lost;
-- the other columns are flat copies for querying. Party lists keep one entry per party,
-- NULL where a party has no code.
CREATE TABLE events (
    id VARCHAR PRIMARY KEY,
    article_id VARCHAR NOT NULL,
    seq INTEGER NOT NULL,  -- order within the article
    article_seq BIGINT NOT NULL,  -- the article's stored_seq, so events page in insertion order
    type VARCHAR NOT NULL,
    mode VARCHAR,
    contexts VARCHAR[],
    cameo VARCHAR,
    actor JSON,
    recipient JSON,
    actor_text VARCHAR[],
    actor_country VARCHAR[],
    actor_sector VARCHAR[],
    recipient_text VARCHAR[],
    recipient_country VARCHAR[],
    recipient_sector VARCHAR[],
    location_name VARCHAR,
    location_canonical VARCHAR,
    location_country VARCHAR,
    location_admin1 VARCHAR,
    lat DOUBLE,
    lon DOUBLE,
    geonames_id BIGINT,
    location_precision VARCHAR,
    date VARCHAR,
    date_precision VARCHAR,
    date_end VARCHAR,
    dead INTEGER,
    injured INTEGER,
    arrested INTEGER,
    qualifiers JSON,
    negated BOOLEAN NOT NULL,
    hypothetical BOOLEAN NOT NULL,
    accidental BOOLEAN NOT NULL,
    reported_by VARCHAR,  -- the attribution as written
    evidence JSON,
    evidence_text VARCHAR,  -- the evidence sentences joined, for reading and searching
    confidence DOUBLE,
    reasons JSON,
    coder_version VARCHAR,
    data_version VARCHAR,
    spacy_version VARCHAR,
    gazetteer_version VARCHAR,
    record JSON NOT NULL,
    UNIQUE (article_id, seq)
);

-- Every input seen, keyed by the hash of its raw bytes, so that a re-run skips what it has done.
CREATE TABLE sources (
    raw_hash VARCHAR PRIMARY KEY,
    source VARCHAR,
    article_id VARCHAR,
    status VARCHAR NOT NULL CHECK (status IN ('stored', 'duplicate', 'skipped')),
    reason VARCHAR,
    seen_at TIMESTAMP NOT NULL  -- UTC
);
