-- Nexmark q14 (a calculation: time-of-day classes by HOUR(dateTime), the
-- count_char function built in) in Flink's text, the sink on stdout; price is
-- DOUBLE in the sink (no DECIMAL yet), and Flink's CREATE FUNCTION count_char
-- line is dropped (weir has it built in).  One event every 50 s of event time,
-- so the 2,000 events span about 28 hours and every class appears.
-- Expected: nexmark_model.py expected q14.
CREATE TABLE bid (
    auction  BIGINT,
    bidder  BIGINT,
    price  BIGINT,
    channel  VARCHAR,
    url  VARCHAR,
    `dateTime`  TIMESTAMP(3),
    extra  VARCHAR,
    WATERMARK FOR `dateTime` AS `dateTime` - INTERVAL '4' SECOND
) WITH ('connector' = 'nexmark', 'nexmark.table' = 'bid', 'events' = '2000', 'seed' = '5',
        'nexmark.event-time-rate' = '0.02');

CREATE TABLE discard_sink (
    auction  BIGINT,
    bidder  BIGINT,
    price  DOUBLE,
    bidTimeType VARCHAR,
    `dateTime` TIMESTAMP(3),
    extra VARCHAR,
    c_counts BIGINT
) WITH (
  'connector' = 'stdout', 'format' = 'csv'
);

INSERT INTO discard_sink
SELECT
    auction,
    bidder,
    0.908 * price as price,
    CASE
        WHEN HOUR(`dateTime`) >= 8 AND HOUR(`dateTime`) <= 18 THEN 'dayTime'
        WHEN HOUR(`dateTime`) <= 6 OR HOUR(`dateTime`) >= 20 THEN 'nightTime'
        ELSE 'otherTime'
    END AS bidTimeType,
    `dateTime`,
    extra,
    count_char(extra, 'c') AS c_counts
FROM bid
WHERE 0.908 * price > 1000000 AND 0.908 * price < 50000000;
