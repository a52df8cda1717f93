-- PostgreSQL: the tables every payment appends to do not check their references with foreign keys.
--
-- A foreign key check runs a query per inserted row and takes a KEY SHARE lock on the referenced
-- row. On the payment path that is a dozen checks per payment, and the rows they lock are the
-- hottest of the system: the platform fee account and a busy merchant's account and merchant row,
-- locked by every concurrent payment transaction (one shared lock each, so PostgreSQL builds
-- multixacts for them and writes a WAL record per lock). Measured on the payment benchmark: about
-- a tenth of the CPU per payment (docs/performance.md).
--
-- What the keys guaranteed still holds:
--  * the referenced rows exist when a child is written: the writers take the ids from rows they
--    have just read or written in the same transaction (ledger accounts by code, the merchant of the
--    request, the paying buyer, the trade just inserted or updated, the journal entry just inserted);
--  * the referenced rows never go away: no code path deletes them, and the triggers below refuse
--    DELETE and TRUNCATE on them (journal_entry is append-only since V2_1);
--  * tests check that no child points nowhere (docs/invariants.md, invariant 15).
-- H2 keeps the foreign keys.
alter table posting drop constraint posting_entry_id_fkey;
alter table posting drop constraint posting_account_id_fkey;
alter table pending_posting drop constraint pending_posting_account_id_fkey;
alter table trade drop constraint trade_merchant_id_fkey;
alter table trade drop constraint trade_buyer_id_fkey;
alter table notification drop constraint notification_merchant_id_fkey;
alter table recon_trade drop constraint recon_trade_trade_id_fkey;

create function safepay_refuse_removal() returns trigger as $$
begin
    raise exception '% on % refused: its rows are referenced by ledger, trade or notification history',
        tg_op, tg_table_name;
end;
$$ language plpgsql;

create trigger ledger_account_no_delete before delete on ledger_account
    for each row execute function safepay_refuse_removal();
create trigger ledger_account_no_truncate before truncate on ledger_account
    for each statement execute function safepay_refuse_removal();
create trigger merchant_no_delete before delete on merchant
    for each row execute function safepay_refuse_removal();
create trigger merchant_no_truncate before truncate on merchant
    for each statement execute function safepay_refuse_removal();
create trigger buyer_no_delete before delete on buyer
    for each row execute function safepay_refuse_removal();
create trigger buyer_no_truncate before truncate on buyer
    for each statement execute function safepay_refuse_removal();
create trigger trade_no_delete before delete on trade
    for each row execute function safepay_refuse_removal();
create trigger trade_no_truncate before truncate on trade
    for each statement execute function safepay_refuse_removal();
