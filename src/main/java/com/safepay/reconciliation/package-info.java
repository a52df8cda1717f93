/**
 * Transaction search and reconciliation (交易明细): a read model of the trades kept in the
 * transaction of every trade change, exact totals from daily aggregates, paging, the trade detail
 * with the merchant's ship and refund actions, and Excel/TXT exports streamed from the database.
 */
@ApplicationModule(displayName = "Reconciliation")
package com.safepay.reconciliation;

import org.springframework.modulith.ApplicationModule;
