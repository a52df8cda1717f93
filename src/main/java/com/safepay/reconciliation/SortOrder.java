package com.safepay.reconciliation;

/** By created time. */
public enum SortOrder {
    NEWEST_FIRST,
    OLDEST_FIRST
}
