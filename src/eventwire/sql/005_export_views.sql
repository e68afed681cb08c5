-- eventwire store, schema version 5.
-- events_typed: the events as a data tool reads them, for a notebook or a BI tool opening
-- the store read-only. Parties are lists (one entry per party, NULL where a party has no
-- code), the coded date stays as written (date: '2024', '2024-03' or '2024-03-04') and
-- date_first / date_last give the DATE span it covers (as `export --format parquet` does),
-- publication is a TIMESTAMP, and each row carries its article's metadata and incident.
CREATE VIEW events_typed AS
WITH spans AS (
    SELECT
        e.*,
        TRY_CAST(
            CASE length(e.date) WHEN 4 THEN e.date || '-01-01' WHEN 7 THEN e.date || '-01'
            ELSE e.date END AS DATE
        ) AS date_first,
        coalesce(e.date_end, e.date) AS closing
    FROM events e
)
SELECT
    s.id, s.article_id, s.incident_id, s.type, s.mode, s.cameo, s.contexts,
    s.actor_text, s.actor_country, s.actor_sector,
    s.recipient_text, s.recipient_country, s.recipient_sector,
    s.location_name, s.location_canonical, s.location_country, s.location_admin1,
    s.lat, s.lon, s.geonames_id, s.location_precision,
    s.date, s.date_precision, s.date_end,
    s.date_first,
    CASE WHEN s.date_first IS NULL THEN NULL ELSE greatest(
        s.date_first,
        coalesce(
            CASE length(s.closing)
                WHEN 4 THEN TRY_CAST(s.closing || '-12-31' AS DATE)
                WHEN 7 THEN last_day(TRY_CAST(s.closing || '-01' AS DATE))
                ELSE TRY_CAST(s.closing AS DATE) END,
            s.date_first
        )
    ) END AS date_last,
    s.dead, s.injured, s.arrested,
    s.negated, s.hypothetical, s.accidental,
    s.reported_by, s.evidence_text, s.confidence,
    a.title, a.publisher, TRY_CAST(a.published AS TIMESTAMP) AS published, a.url, a.lang
FROM spans s JOIN articles a ON a.id = s.article_id;
