-- H2 counts a varchar's length in UTF-16 units, so a character outside the BMP (an emoji) takes two: twice the
-- contract's length in characters holds every valid text, as PostgreSQL, which counts characters, already does.
alter table trade alter column subject set data type varchar(512);
alter table trade alter column body set data type varchar(2000);
alter table refund alter column reason set data type varchar(512);
