-- Without events the source is unbounded: LIMIT ends the query (the first five
-- bids of seed 1: events 4-8).  Expected: nexmark_model.py expected unbounded.
CREATE SOURCE bid (auction BIGINT, bidder BIGINT, price BIGINT)
WITH (connector = 'nexmark', 'nexmark.table' = 'bid', seed = '1');
SELECT auction, bidder, price FROM bid LIMIT 5;
