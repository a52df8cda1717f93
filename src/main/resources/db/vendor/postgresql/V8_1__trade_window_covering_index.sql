-- PostgreSQL: the trades' window index carries what 交易明细 filters and sums (the columns the view
-- recon_trade computes status, refunded, fee and net from), so that the totals of partial days, the
-- daily sums' edges and the seek of a deep page stay index-only scans, as they were on the copy
-- (V5_1). It replaces the plain (merchant_id, created_at) index: one index entry per trade change,
-- as before. (H2 keeps the plain index of V3.)
drop index ix_trade_merchant_created;
create index ix_trade_window on trade (merchant_id, created_at, id)
    include (status, trade_type, total_amount, refund_total, fee_amount, fee_refunded, paid_at);
