package com.safepay.security.ui;

import com.safepay.security.AuditRecord;
import com.safepay.shared.AuditDetail;
import com.safepay.shared.Money;
import com.safepay.shared.ui.DateTimes;
import java.time.ZoneId;

/**
 * The 说明 of an audit line in the reader's language: a structured detail through the bundles, its
 * amounts and times formatted for the reader; the free text of older lines as it was written.
 */
final class AuditDetailText {

    /** Looks up a bundle key in the reader's language and fills in its arguments. */
    interface Translator {
        String translate(String key, Object... args);
    }

    private final Translator translator;
    private final ZoneId zone;

    AuditDetailText(Translator translator, ZoneId zone) {
        this.translator = translator;
        this.zone = zone;
    }

    String of(AuditRecord record) {
        AuditDetail detail = record.structuredDetail();
        if (detail == null) {
            return record.detail() == null ? "" : record.detail();
        }
        Object[] args = detail.args().stream()
                .map(arg -> switch (arg) {
                    case AuditDetail.Text text -> (Object) text.value();
                    case AuditDetail.Label label -> translator.translate(label.key());
                    case AuditDetail.Count count -> count.value();
                    case AuditDetail.Amount amount ->
                        Money.ofMinor(amount.fen()).format();
                    case AuditDetail.Time time -> DateTimes.format(time.at(), zone);
                })
                .toArray();
        return translator.translate(detail.key(), args);
    }
}
