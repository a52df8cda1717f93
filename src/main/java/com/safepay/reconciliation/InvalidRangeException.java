package com.safepay.reconciliation;

/** A search or export whose time range breaks the rules; nothing was queried. */
public class InvalidRangeException extends IllegalArgumentException {

    private final TradeSearch.RangeProblem problem;

    public InvalidRangeException(TradeSearch.RangeProblem problem) {
        super("Invalid time range: " + problem);
        this.problem = problem;
    }

    public TradeSearch.RangeProblem problem() {
        return problem;
    }
}
