-- PostgreSQL: pending postings are a short queue, not a table anyone looks rows up in. Every payment
-- appends two and the roll-up removes them about a second later, all of an account's at once
-- ("delete ... where account_id = any(...) returning"), so the queue holds about one second of
-- credits. Its two indexes (the id key and the account index) cost every payment four index
-- entries and the roll-up a look-up per account; scanning the short queue costs less. The id
-- column goes with its key: nothing reads it on PostgreSQL. (H2 keeps both; its roll-up reads ids.)
drop index ix_pending_posting_account;
alter table pending_posting drop column id;
