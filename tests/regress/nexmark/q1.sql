-- Nexmark q1 (currency conversion) in Flink's text, the sink on stdout; price is
-- DOUBLE in the sink (weir has no DECIMAL yet; Flink's sink says DECIMAL(23, 3)).
-- Expected: nexmark_model.py expected q1 (0.908 * price as IEEE doubles).
CREATE TABLE bid (
    auction  BIGINT,
    bidder  BIGINT,
    price  BIGINT,
    channel  VARCHAR,
    url  VARCHAR,
    `dateTime`  TIMESTAMP(3),
    extra  VARCHAR,
    WATERMARK FOR `dateTime` AS `dateTime` - INTERVAL '4' SECOND
) WITH ('connector' = 'nexmark', 'nexmark.table' = 'bid', 'events' = '200', 'seed' = '1');

CREATE TABLE nexmark_q1 (
  auction  BIGINT,
  bidder  BIGINT,
  price  DOUBLE,
  `dateTime`  TIMESTAMP(3),
  extra  VARCHAR
) WITH (
  'connector' = 'stdout', 'format' = 'csv'
);

INSERT INTO nexmark_q1
SELECT
    auction,
    bidder,
    0.908 * price as price, -- convert dollar to euro
    `dateTime`,
    extra
FROM bid;
