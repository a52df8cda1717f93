package com.safepay.payment.ui;

import com.safepay.merchant.PlatformKeys;
import com.safepay.payment.CashierLinks;
import com.safepay.payment.SafePayTime;
import com.safepay.payment.Trade;
import com.safepay.payment.TradeService;
import com.safepay.payment.TradeStatus;
import com.safepay.shared.Money;
import com.safepay.shared.RsaSignatures;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The synchronous return: sends the buyer's browser back to the merchant's return_url (HTTP 302)
 * with the signed result (merchant-api.md, "Cashier and synchronous result").
 */
@Controller
class CashierReturnController {

    private final TradeService trades;
    private final CashierLinks links;
    private final PlatformKeys platformKeys;
    private final Clock clock;

    CashierReturnController(TradeService trades, CashierLinks links, PlatformKeys platformKeys, Clock clock) {
        this.trades = trades;
        this.links = links;
        this.platformKeys = platformKeys;
        this.clock = clock;
    }

    /** Without the trade's token the return says nothing, not even whether the trade exists. */
    @GetMapping("/cashier/return/{tradeNo}")
    ResponseEntity<Void> withoutToken(@PathVariable String tradeNo) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).build();
    }

    @GetMapping("/cashier/return/{tradeNo}/{token}")
    ResponseEntity<Void> returnToMerchant(
            @PathVariable String tradeNo,
            @PathVariable String token,
            @RequestParam(name = "cancel", defaultValue = "false") boolean cancelled) {
        Trade trade = links.isValid(tradeNo, token) ? trades.find(tradeNo).orElse(null) : null;
        if (trade == null) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).build();
        }
        if (trade.returnUrl() == null) {
            return ResponseEntity.status(HttpStatus.FOUND)
                    .location(URI.create("/" + links.cashierPath(tradeNo)))
                    .build();
        }
        return ResponseEntity.status(HttpStatus.FOUND)
                .location(URI.create(signedReturnUrl(trade, resultCode(trade, cancelled))))
                .build();
    }

    static String resultCode(Trade trade, boolean cancelled) {
        if (trade.isPaid()) {
            return "9000";
        }
        if (trade.status() == TradeStatus.TRADE_CLOSED) {
            return "4000";
        }
        return cancelled ? "6001" : "8000";
    }

    private String signedReturnUrl(Trade trade, String resultCode) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("out_trade_no", trade.outTradeNo());
        fields.put("trade_no", trade.tradeNo());
        fields.put("total_amount", Money.ofMinor(trade.totalAmount()).toPlainString());
        fields.put("result_code", resultCode);
        fields.put("timestamp", SafePayTime.format(clock.instant()));
        fields.put(RsaSignatures.SIGN_TYPE, RsaSignatures.RSA2);
        fields.put(RsaSignatures.SIGN, platformKeys.sign(fields));
        String query = fields.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return withQuery(trade.returnUrl(), query);
    }

    /**
     * Appends query parameters to a URL before its fragment: a browser never sends the fragment, so
     * parameters after the '#' would never reach the merchant's server.
     */
    static String withQuery(String url, String query) {
        int hash = url.indexOf('#');
        String base = hash < 0 ? url : url.substring(0, hash);
        String fragment = hash < 0 ? "" : url.substring(hash);
        String separator = !base.contains("?") ? "?" : base.endsWith("?") || base.endsWith("&") ? "" : "&";
        return base + separator + query + fragment;
    }
}
