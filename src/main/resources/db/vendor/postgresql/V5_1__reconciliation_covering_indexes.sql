-- PostgreSQL: the read model's range indexes carry the filtered and summed columns, so that totals
-- of partial days, the daily sums and the seek of a deep page are index-only scans instead of one
-- heap visit per row (H2 keeps the plain indexes of V5).
drop index ix_recon_trade_window;
create index ix_recon_trade_window on recon_trade (merchant_id, created_at, trade_id)
    include (status, trade_type, refunded, amount, refund_total, fee, net);

create index ix_recon_daily_window on recon_daily (merchant_id, trade_day)
    include (status, trade_type, refunded, trade_count, amount, refund_total, fee, net);
