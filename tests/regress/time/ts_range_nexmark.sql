-- nexmark: event times stay within 9999.  At one event per second an auction expires up
-- to 2 x 1666 s after it starts; the stream ends (as if `events` said so) before the
-- first event whose dateTime or expires could pass 9999-12-31 23:59:59.999: from
-- 9999-12-31 22:00:00 (7,199,999 ms of room, less 3 horizons of 1,666,001 ms and 2)
-- that leaves 2201 events, 132 of them auctions (3 in every 50), the last event 2153
-- at 22:35:53.  The last query: a base-time outside the range is an error naming it.
CREATE SOURCE auction (id BIGINT, `dateTime` TIMESTAMP, expires TIMESTAMP,
                       WATERMARK FOR `dateTime` AS `dateTime`)
WITH (connector = 'nexmark', 'nexmark.table' = 'auction', seed = '9',
      'nexmark.event-time-rate' = '1', 'nexmark.base-time' = '9999-12-31 22:00:00');
SELECT COUNT(*) AS n, MIN(`dateTime`) AS first_t, MAX(`dateTime`) AS last_t, MAX(expires) AS last_expires
FROM auction GROUP BY TUMBLE(`dateTime`, INTERVAL '1' DAY);
CREATE SOURCE bad (id BIGINT)
WITH (connector = 'nexmark', 'nexmark.table' = 'bid', 'nexmark.base-time' = '253402300800000');
SELECT * FROM bad;
