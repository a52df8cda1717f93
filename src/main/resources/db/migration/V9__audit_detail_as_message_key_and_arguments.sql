-- The audit log's 说明 is stored as a message key and its arguments, so that each reader sees it in their own
-- language. Lines written before keep their free text in detail, which new lines leave empty.
alter table audit_log add column detail_key varchar(100);
alter table audit_log add column detail_args varchar(2000);
