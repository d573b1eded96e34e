-- The three nexmark tables over one seed and 120 events (every column, the Flink
-- DDL's names and types): events 0, 50, 100 are persons 1000-1002, events 1-3,
-- 51-53, 101-103 auctions 1000-1008, the other 111 events bids.  The expected
-- output is tests/nexmark/nexmark_model.py's (an independent Python model of the
-- generator): nexmark_model.py expected tables.
CREATE TABLE bid (
    auction  BIGINT,
    bidder  BIGINT,
    price  BIGINT,
    channel  VARCHAR,
    url  VARCHAR,
    `dateTime`  TIMESTAMP(3),
    extra  VARCHAR,
    WATERMARK FOR `dateTime` AS `dateTime` - INTERVAL '4' SECOND
) WITH ('connector' = 'nexmark', 'nexmark.table' = 'bid', 'events' = '120', 'seed' = '42');
CREATE TABLE auction (
    id  BIGINT,
    itemName  VARCHAR,
    description  VARCHAR,
    initialBid  BIGINT,
    reserve  BIGINT,
    `dateTime`  TIMESTAMP(3),
    expires  TIMESTAMP(3),
    seller  BIGINT,
    category  BIGINT,
    extra  VARCHAR
) WITH ('connector' = 'nexmark', 'nexmark.table' = 'auction', 'events' = '120', 'seed' = '42');
CREATE TABLE person (
    id  BIGINT,
    name  VARCHAR,
    emailAddress  VARCHAR,
    creditCard  VARCHAR,
    city  VARCHAR,
    state  VARCHAR,
    `dateTime`  TIMESTAMP(3),
    extra  VARCHAR
) WITH ('connector' = 'nexmark', 'nexmark.table' = 'person', 'events' = '120', 'seed' = '42');
SELECT * FROM bid;
SELECT * FROM auction;
SELECT * FROM person;
