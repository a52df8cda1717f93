package com.safepay.withdrawal.ui;

import com.safepay.shared.ui.Badge;
import com.safepay.withdrawal.BankAccount;
import java.util.function.Function;

/** A bank account's status as merchants and admins see it; a disabled account never verified reads "rejected". */
final class BankAccountBadge {

    private BankAccountBadge() {}

    static Badge of(BankAccount account, Function<String, String> text) {
        if (account.wasRejected()) {
            return new Badge(text.apply("bank.status.REJECTED"), "error");
        }
        return new Badge(
                text.apply("bank.status." + account.status().name()),
                switch (account.status()) {
                    case VERIFIED -> "success";
                    case PENDING -> "contrast";
                    case DISABLED -> "error";
                });
    }
}
