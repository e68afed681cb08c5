-- eventwire store, schema version 3: what `eventwire watch` has seen, so that a restart
-- (even after kill -9) resumes where it stopped. An item is marked done in the same
-- transaction that stores its article, and a feed's validators (ETag, Last-Modified) are
-- saved in the same transaction that records its new items as pending.

-- One row per feed polled: its validators for conditional requests and its health.
CREATE TABLE watch_feeds (
    url VARCHAR PRIMARY KEY,
    title VARCHAR,
    etag VARCHAR,
    last_modified VARCHAR,
    body_hash VARCHAR,  -- sha256 of the last body read (a feed without validators, a file)
    polled_at TIMESTAMP,  -- UTC, last attempt
    ok_at TIMESTAMP,  -- UTC, last success
    failures INTEGER NOT NULL DEFAULT 0,  -- failed polls in a row
    last_error VARCHAR,
    next_poll_at TIMESTAMP  -- UTC; a failing feed waits longer each time
);

-- One row per feed item seen. key is the feed's URL and the item's id (guid, else its link);
-- url is the page, normalised, never fetched twice whatever feed lists it.
CREATE TABLE watch_items (
    key VARCHAR PRIMARY KEY,
    feed_url VARCHAR NOT NULL,
    url VARCHAR NOT NULL,
    title VARCHAR,
    published VARCHAR,  -- the feed's date for the item, used when the page gives none
    status VARCHAR NOT NULL
        CHECK (status IN ('pending', 'stored', 'duplicate', 'skipped', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    reason VARCHAR,  -- why it was skipped or failed, or the last transient error
    content_hash VARCHAR,  -- sha256 of the page's bytes (the sources table's raw_hash)
    article_id VARCHAR,
    first_seen TIMESTAMP NOT NULL,  -- UTC
    next_try_at TIMESTAMP,  -- UTC; a page that timed out is tried again from then
    done_at TIMESTAMP  -- UTC
);
