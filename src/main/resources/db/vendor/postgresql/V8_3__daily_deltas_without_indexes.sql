-- PostgreSQL: the daily sums' deltas are a short queue too (see V8_2). Each trade change appends one
-- to three, and the fold (every second) removes them, so the table holds about a second of changes.
-- Its two indexes (the id key and the (merchant, day) index) cost every payment about six index
-- entries; the few readers (totals of 交易明细, which add the pending deltas to the daily sums) scan
-- the short table instead, and the fold takes rows by their physical address. The id column goes
-- with its key: nothing reads it on PostgreSQL. (H2 keeps both; its fold reads ids.)
drop index ix_recon_daily_delta_window;
alter table recon_daily_delta drop column id;
