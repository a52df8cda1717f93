package com.safepay.notification;

import com.safepay.merchant.MerchantIdentity;
import com.safepay.merchant.MerchantService;
import com.safepay.payment.Trade;
import com.safepay.payment.TradeNotifiableEvent;
import com.safepay.shared.Money;
import com.safepay.shared.TransactionBuffer;
import com.safepay.shared.jdbc.MultiRowInsert;
import com.safepay.shared.jdbc.StatementPipeline;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
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

    private final JdbcTemplate jdbcTemplate;
    private final MerchantService merchants;
    private final NotificationProperties properties;
    private final JsonMapper json;
    private final Clock clock;

    NotificationOutbox(
            JdbcTemplate jdbcTemplate,
            MerchantService merchants,
            NotificationProperties properties,
            JsonMapper json,
            Clock clock) {
        this.jdbcTemplate = jdbcTemplate;
        this.merchants = merchants;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
    }

    /** Notifications of the current transaction, written together just before it commits. */
    private final TransactionBuffer<Pending> pending = new TransactionBuffer<>("notifications", this::write);

    private record Pending(TradeNotifiableEvent event, Instant at) {}

    private static final MultiRowInsert NOTIFICATION = new MultiRowInsert("""
            notification (notify_id, merchant_id, trade_no, notify_type, event_kind, notify_url, notify_host, payload,
                status, attempts, max_attempts, next_attempt_at, created_at)""", 13);

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    public void on(TradeNotifiableEvent event) {
        pending.add(new Pending(event, clock.instant()));
    }

    private void write(List<Pending> events, StatementPipeline pipeline) {
        Map<Long, MerchantIdentity> merchantsById = merchants.identitiesForSystem(
                events.stream().map(p -> p.event().trade().merchantId()).collect(Collectors.toSet()));
        List<Object[]> rows = new ArrayList<>(events.size());
        for (Pending p : events) {
            TradeNotifiableEvent event = p.event();
            Trade trade = event.trade();
            MerchantIdentity merchant = merchantsById.get(trade.merchantId());
            boolean refund = event.kind() == TradeNotifiableEvent.Kind.REFUND_SUCCEEDED;
            String notifyId = notifyId(p.at());
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
                fields.put(
                        "refund_amount", Money.ofMinor(event.refund().amount()).toPlainString());
                fields.put("refund_total", Money.ofMinor(trade.refundTotal()).toPlainString());
            }
            rows.add(new Object[] {
                notifyId,
                merchant.id(),
                trade.tradeNo(),
                fields.get("notify_type"),
                event.kind().name(),
                trade.notifyUrl(),
                host(trade.notifyUrl()),
                json.writeValueAsString(fields),
                "PENDING",
                0,
                properties.maxSends(),
                p.at(),
                p.at()
            });
        }
        pipeline.insert(jdbcTemplate, NOTIFICATION, rows);
    }

    /**
     * 32 hex digits: the time in milliseconds, then 80 random bits. Unique (the unique key checks),
     * and ordered by time, so that new ids go to the end of the index instead of a random page of it.
     */
    static String notifyId(Instant at) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "%012x%04x%016x"
                .formatted(at.toEpochMilli() & 0xFFFF_FFFF_FFFFL, random.nextInt(0x10000), random.nextLong());
    }

    static String host(String url) {
        String host = URI.create(url).getHost();
        return host == null ? "" : host.toLowerCase(Locale.ROOT);
    }
}
