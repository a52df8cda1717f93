package com.safepay.support;

/**
 * On PostgreSQL the payment path's tables have no foreign keys (V6_2): this counts their rows whose
 * journal entry, account, merchant or buyer does not exist (invariant 15). Used by the tests
 * and the payment benchmark.
 */
public final class Orphans {

    public static final String COUNT_SQL = """
            select (select count(*) from posting p
                        where not exists (select 1 from journal_entry e where e.id = p.entry_id))
                 + (select count(*) from posting p
                        where not exists (select 1 from ledger_account a where a.id = p.account_id))
                 + (select count(*) from pending_posting p
                        where not exists (select 1 from ledger_account a where a.id = p.account_id))
                 + (select count(*) from trade t
                        where not exists (select 1 from merchant m where m.id = t.merchant_id))
                 + (select count(*) from trade t where t.buyer_id is not null
                        and not exists (select 1 from buyer b where b.id = t.buyer_id))
                 + (select count(*) from notification n
                        where not exists (select 1 from merchant m where m.id = n.merchant_id))""";

    private Orphans() {}
}
