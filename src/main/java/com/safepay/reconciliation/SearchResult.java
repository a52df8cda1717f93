package com.safepay.reconciliation;

import java.util.List;
import java.util.Map;

/**
 * One page of a search, with the totals of the whole filter (the selected tab) and the count of
 * every tab.
 *
 * @param page zero-based
 */
public record SearchResult(List<TradeRow> rows, int page, int pageSize, Totals totals, Map<StatusTab, Long> tabCounts) {

    public int pageCount() {
        return (int) Math.max(1, (totals.count() + pageSize - 1) / pageSize);
    }
}
