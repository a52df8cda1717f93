-- PostgreSQL refuses to change or delete ledger history, whatever the application does.
create function safepay_refuse_change() returns trigger as $$
begin
    raise exception 'ledger history is append-only: % on % refused', tg_op, tg_table_name;
end;
$$ language plpgsql;

create trigger posting_append_only
    before update or delete on posting
    for each row execute function safepay_refuse_change();

create trigger journal_entry_append_only
    before update or delete on journal_entry
    for each row execute function safepay_refuse_change();

create trigger posting_no_truncate
    before truncate on posting
    for each statement execute function safepay_refuse_change();

create trigger journal_entry_no_truncate
    before truncate on journal_entry
    for each statement execute function safepay_refuse_change();
