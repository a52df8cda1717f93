package com.safepay.withdrawal;

/** Banks a merchant can withdraw to; names come from the i18n bundles ({@code bank.CODE}). */
public enum Bank {
    ICBC,
    CCB,
    ABC,
    BOC,
    BOCOM,
    CMB,
    CITIC,
    CEB,
    CMBC,
    SPDB,
    CIB,
    PAB,
    PSBC,
    HXB,
    GDB
}
