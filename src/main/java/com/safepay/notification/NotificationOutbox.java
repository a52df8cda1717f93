package com.safepay.notification;

import com.safepay.merchant.MerchantService;
import com.safepay.merchant.MerchantView;
import com.safepay.payment.Trade;
import com.safepay.payment.TradeNotifiableEvent;
import com.safepay.shared.Money;
import java.net.URI;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the notification for a trade event into the outbox, in the transaction of the change that
 * caused it: if the change rolls back, so does its notification; if it commits, the notification is
 * there to be sent, whatever happens to this process afterwards.
 */
@Component
class NotificationOutbox {

    private final JdbcClient jdbc;
    private final MerchantService merchants;
    private final NotificationProperties properties;
    private final JsonMapper json;
    private final Clock clock;

    NotificationOutbox(
            JdbcClient jdbc,
            MerchantService merchants,
            NotificationProperties properties,
            JsonMapper json,
            Clock clock) {
        this.jdbc = jdbc;
        this.merchants = merchants;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    public void on(TradeNotifiableEvent event) {
        Trade trade = event.trade();
        MerchantView merchant = merchants.findForSystem(trade.merchantId()).orElseThrow();
        boolean refund = event.kind() == TradeNotifiableEvent.Kind.REFUND_SUCCEEDED;
        String notifyId = UUID.randomUUID().toString().replace("-", "");
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("notify_id", notifyId);
        fields.put("notify_type", refund ? "refund_sync" : "trade_status_sync");
        fields.put("merchant_no", merchant.merchantNo().value());
        fields.put("seller_account", merchant.sellerAccount());
        fields.put("trade_no", trade.tradeNo());
        fields.put("out_trade_no", trade.outTradeNo());
        fields.put("trade_status", trade.status().name());
        fields.put("total_amount", Money.ofMinor(trade.totalAmount()).toPlainString());
        fields.put("subject", trade.subject());
        if (refund) {
            fields.put("out_request_no", event.refund().outRequestNo());
            fields.put("refund_amount", Money.ofMinor(event.refund().amount()).toPlainString());
            fields.put("refund_total", Money.ofMinor(trade.refundTotal()).toPlainString());
        }
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                        insert into notification (notify_id, merchant_id, trade_no, notify_type, event_kind, notify_url,
                            notify_host, payload, status, attempts, max_attempts, next_attempt_at, created_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?, ?)""")
                .params(
                        notifyId,
                        merchant.id(),
                        trade.tradeNo(),
                        fields.get("notify_type"),
                        event.kind().name(),
                        trade.notifyUrl(),
                        host(trade.notifyUrl()),
                        json.writeValueAsString(fields),
                        properties.maxSends(),
                        now,
                        now)
                .update();
    }

    static String host(String url) {
        String host = URI.create(url).getHost();
        return host == null ? "" : host.toLowerCase(Locale.ROOT);
    }
}
