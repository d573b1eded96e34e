-- Nexmark q2 (selection) in Flink's text, the sink on stdout: bids on every
-- 123rd auction among 20,000 events (auctions 1000..1002 are hot early on, then
-- cold picks reach 1107, 1230, ...).  Expected: nexmark_model.py expected q2.
CREATE TABLE bid (
    auction  BIGINT,
    bidder  BIGINT,
    price  BIGINT,
    channel  VARCHAR,
    url  VARCHAR,
    `dateTime`  TIMESTAMP(3),
    extra  VARCHAR,
    WATERMARK FOR `dateTime` AS `dateTime` - INTERVAL '4' SECOND
) WITH ('connector' = 'nexmark', 'nexmark.table' = 'bid', 'events' = '20000', 'seed' = '3');

CREATE TABLE nexmark_q2 (
  auction  BIGINT,
  price  BIGINT
) WITH (
  'connector' = 'stdout', 'format' = 'csv'
);

INSERT INTO nexmark_q2
SELECT auction, price FROM bid WHERE MOD(auction, 123) = 0;
