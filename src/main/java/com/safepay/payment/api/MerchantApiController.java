package com.safepay.payment.api;

import com.safepay.merchant.MerchantKeys;
import com.safepay.merchant.MerchantNo;
import com.safepay.merchant.MerchantService;
import com.safepay.merchant.MerchantView;
import com.safepay.payment.CashierLinks;
import com.safepay.payment.CreateTrade;
import com.safepay.payment.PaymentException;
import com.safepay.payment.Refund;
import com.safepay.payment.SafePayTime;
import com.safepay.payment.Trade;
import com.safepay.payment.TradeService;
import com.safepay.payment.TradeType;
import com.safepay.shared.Money;
import com.safepay.shared.NotifyUrlPolicy;
import com.safepay.shared.RsaSignatures;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The merchant API of merchant-api.md: JSON in, signed JSON out. Checks run in the contract's order:
 * parameters present, parameters valid, merchant known and enabled, signature, business rules. A
 * refused request changes nothing.
 */
@RestController
// No "produces": every answer is JSON, whatever the client's Accept header says (a 406 would leave the
// API for the back office's error page).
@RequestMapping("/api/v1/trade")
class MerchantApiController {

    private static final Logger log = LoggerFactory.getLogger(MerchantApiController.class);
    private static final String[] COMMON = {"merchant_no", "timestamp", "sign_type", "sign"};

    private final TradeService trades;
    private final CashierLinks cashierLinks;
    private final MerchantService merchants;
    private final MerchantKeys merchantKeys;
    private final ApiResponses responses;
    private final NotifyUrlPolicy notifyUrls;
    private final JsonMapper json;
    private final Clock clock;
    private final Duration timestampWindow;

    MerchantApiController(
            TradeService trades,
            CashierLinks cashierLinks,
            MerchantService merchants,
            MerchantKeys merchantKeys,
            ApiResponses responses,
            NotifyUrlPolicy notifyUrls,
            JsonMapper json,
            Clock clock,
            @Value("${safepay.api.timestamp-window:5m}") Duration timestampWindow) {
        this.trades = trades;
        this.cashierLinks = cashierLinks;
        this.merchants = merchants;
        this.merchantKeys = merchantKeys;
        this.responses = responses;
        this.notifyUrls = notifyUrls;
        this.json = json;
        this.clock = clock;
        this.timestampWindow = timestampWindow;
    }

    @PostMapping("/create")
    ResponseEntity<String> create(HttpServletRequest http) {
        return handle(
                http, new String[] {"out_trade_no", "subject", "total_amount", "trade_type", "notify_url"}, request -> {
                    request.identifier("out_trade_no");
                    request.text("subject", 1, 256);
                    request.text("body", 0, 1000);
                    long amount = request.amount("total_amount");
                    String type = request.get("trade_type");
                    if (!"INSTANT".equals(type) && !"ESCROW".equals(type)) {
                        throw new ApiException(ApiError.INVALID_PARAMETER, "trade_type must be INSTANT or ESCROW");
                    }
                    URI notifyUrl = request.url("notify_url", ApiError.INVALID_NOTIFY_URL);
                    request.url("return_url", ApiError.INVALID_PARAMETER);
                    String timeout = request.get("timeout_express");
                    if (timeout != null) {
                        try {
                            CreateTrade.timeout(timeout);
                        } catch (IllegalArgumentException e) {
                            throw new ApiException(ApiError.INVALID_PARAMETER, e.getMessage());
                        }
                    }
                    return (merchant, unused) -> {
                        if (!notifyUrls.isAllowed(notifyUrl)) {
                            throw new ApiException(
                                    ApiError.INVALID_NOTIFY_URL, "notify_url must reach a public address");
                        }
                        Trade trade = trades.create(new CreateTrade(
                                        merchant.id(),
                                        request.get("out_trade_no"),
                                        request.get("subject"),
                                        request.get("body"),
                                        amount,
                                        TradeType.valueOf(type),
                                        request.get("notify_url"),
                                        request.get("return_url"),
                                        timeout))
                                .trade();
                        Map<String, String> out = new LinkedHashMap<>();
                        out.put("trade_no", trade.tradeNo());
                        out.put("out_trade_no", trade.outTradeNo());
                        out.put("total_amount", yuan(trade.totalAmount()));
                        out.put("trade_status", trade.status().name());
                        out.put("cashier_url", cashierLinks.cashierUrl(trade.tradeNo()));
                        return out;
                    };
                });
    }

    @PostMapping("/query")
    ResponseEntity<String> query(HttpServletRequest http) {
        return handle(http, new String[0], request -> {
            tradeReference(request);
            return (merchant, trade) -> {
                Map<String, String> out = tradeFields(trade);
                out.put("trade_type", trade.type().name());
                out.put("trade_status", trade.status().name());
                out.put("total_amount", yuan(trade.totalAmount()));
                out.put("refund_total", yuan(trade.refundTotal()));
                out.put("subject", trade.subject());
                if (trade.isPaid()) {
                    out.put("buyer_account", trade.buyerAccount());
                }
                out.put("gmt_create", time(trade.createdAt()));
                if (trade.isPaid()) {
                    out.put("gmt_payment", time(trade.paidAt()));
                }
                return out;
            };
        });
    }

    @PostMapping("/close")
    ResponseEntity<String> close(HttpServletRequest http) {
        return handle(http, new String[0], request -> {
            tradeReference(request);
            return (merchant, trade) -> statusFields(trades.close(merchant.id(), trade.tradeNo()));
        });
    }

    @PostMapping("/send_goods")
    ResponseEntity<String> sendGoods(HttpServletRequest http) {
        return handle(http, new String[0], request -> {
            tradeReference(request);
            return (merchant, trade) -> statusFields(trades.ship(merchant.id(), trade.tradeNo()));
        });
    }

    @PostMapping("/refund")
    ResponseEntity<String> refund(HttpServletRequest http) {
        return handle(http, new String[] {"out_request_no", "refund_amount"}, request -> {
            tradeReference(request);
            request.identifier("out_request_no");
            long amount = request.amount("refund_amount");
            request.text("refund_reason", 0, 256);
            return (merchant, trade) -> {
                TradeService.RefundResult result = trades.refund(
                        merchant.id(),
                        trade.tradeNo(),
                        request.get("out_request_no"),
                        amount,
                        request.get("refund_reason"));
                Map<String, String> out = tradeFields(result.trade());
                out.put("out_request_no", result.refund().outRequestNo());
                out.put("refund_amount", yuan(result.refund().amount()));
                out.put("refund_total", yuan(result.trade().refundTotal()));
                out.put("trade_status", result.trade().status().name());
                return out;
            };
        });
    }

    @PostMapping("/refund/query")
    ResponseEntity<String> refundQuery(HttpServletRequest http) {
        return handle(http, new String[] {"out_request_no"}, request -> {
            tradeReference(request);
            request.identifier("out_request_no");
            return (merchant, trade) -> {
                Refund refund = trades.findRefund(trade.id(), request.get("out_request_no"))
                        .orElseThrow(() -> new ApiException(ApiError.REFUND_NOT_EXIST, "Refund does not exist"));
                Map<String, String> out = new LinkedHashMap<>();
                out.put("trade_no", trade.tradeNo());
                out.put("out_request_no", refund.outRequestNo());
                out.put("refund_amount", yuan(refund.amount()));
                out.put("refund_status", "REFUND_SUCCESS");
                return out;
            };
        });
    }

    /** Validates the request's formats and returns the business step, which runs after the signature check. */
    private interface Endpoint {
        BiFunction<MerchantView, Trade, Map<String, String>> validate(ApiRequest request);
    }

    private ResponseEntity<String> handle(HttpServletRequest http, String[] required, Endpoint endpoint) {
        try {
            ApiRequest request = new ApiRequest(parse(ApiBody.read(http)));
            request.require(COMMON);
            request.require(required);
            boolean needsTrade = required.length == 0 || !"out_trade_no".equals(required[0]);
            if (needsTrade) {
                request.requireOneOf("trade_no", "out_trade_no");
            }
            request.checkCommon(clock, timestampWindow);
            BiFunction<MerchantView, Trade, Map<String, String>> business = endpoint.validate(request);
            MerchantView merchant = merchant(request.get("merchant_no"));
            PublicKey key = merchantKeys
                    .publicKeyForSystem(merchant.id())
                    .orElseThrow(() -> new ApiException(ApiError.NO_MERCHANT_KEY, "No public key registered"));
            if (!RsaSignatures.verify(request.fields(), key)) {
                throw new ApiException(ApiError.INVALID_SIGNATURE, "Signature does not verify");
            }
            Trade trade = needsTrade
                    ? trades.findForMerchant(merchant.id(), request.get("trade_no"), request.get("out_trade_no"))
                            .orElseThrow(() -> new ApiException(ApiError.TRADE_NOT_EXIST, "Trade does not exist"))
                    : null;
            Map<String, String> out = new LinkedHashMap<>();
            out.put("code", "10000");
            out.put("msg", "Success");
            out.putAll(business.apply(merchant, trade));
            return responses.signed(ResponseEntity.ok(), out);
        } catch (ApiException e) {
            return responses.error(e.error, e.getMessage());
        } catch (PaymentException e) {
            return responses.error(map(e.reason()), e.getMessage());
        } catch (RuntimeException e) {
            log.error("Merchant API request failed", e);
            return responses.error(
                    ApiError.SERVICE_UNAVAILABLE, "Service unavailable, retry later with the same request");
        }
    }

    private static void tradeReference(ApiRequest request) {
        request.identifier("out_trade_no");
        String tradeNo = request.get("trade_no");
        if (tradeNo != null && !tradeNo.matches("[0-9]{1,32}")) {
            throw new ApiException(ApiError.INVALID_PARAMETER, "trade_no must be digits");
        }
    }

    private MerchantView merchant(String merchantNo) {
        MerchantView merchant = merchants
                .findByMerchantNoForSystem(new MerchantNo(merchantNo))
                .orElseThrow(() -> new ApiException(ApiError.MERCHANT_NOT_FOUND, "Unknown merchant_no"));
        if (!merchant.isActive()) {
            throw new ApiException(ApiError.MERCHANT_DISABLED, "Merchant is disabled");
        }
        return merchant;
    }

    private Map<String, String> parse(String body) {
        if (body == null || body.isBlank()) {
            throw new ApiException(ApiError.MISSING_PARAMETER, "Missing parameter: merchant_no");
        }
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (JacksonException e) {
            throw new ApiException(ApiError.INVALID_PARAMETER, "Body is not a JSON object");
        }
        if (node == null || !node.isObject()) {
            throw new ApiException(ApiError.INVALID_PARAMETER, "Body is not a JSON object");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (field.getValue().isNull()) {
                continue;
            }
            if (!field.getValue().isString()) {
                throw new ApiException(ApiError.INVALID_PARAMETER, field.getKey() + " must be a string");
            }
            fields.put(field.getKey(), field.getValue().stringValue());
        }
        return fields;
    }

    private static ApiError map(PaymentException.Reason reason) {
        return switch (reason) {
            case TRADE_NOT_EXIST -> ApiError.TRADE_NOT_EXIST;
            case REFUND_NOT_EXIST -> ApiError.REFUND_NOT_EXIST;
            case ORDER_NO_CONFLICT -> ApiError.ORDER_NO_CONFLICT;
            case REQUEST_NO_CONFLICT -> ApiError.REQUEST_NO_CONFLICT;
            case REFUND_AMOUNT_EXCEEDED -> ApiError.REFUND_AMOUNT_EXCEEDED;
            case MERCHANT_QUOTA_EXCEEDED -> ApiError.MERCHANT_QUOTA_EXCEEDED;
            case INSUFFICIENT_MERCHANT_BALANCE -> ApiError.INSUFFICIENT_MERCHANT_BALANCE;
            case MERCHANT_DISABLED -> ApiError.MERCHANT_DISABLED;
            case TRADE_STATUS_ERROR, TRADE_EXPIRED, INSUFFICIENT_BALANCE -> ApiError.TRADE_STATUS_ERROR;
        };
    }

    private static Map<String, String> tradeFields(Trade trade) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("trade_no", trade.tradeNo());
        out.put("out_trade_no", trade.outTradeNo());
        return out;
    }

    private static Map<String, String> statusFields(Trade trade) {
        Map<String, String> out = tradeFields(trade);
        out.put("trade_status", trade.status().name());
        return out;
    }

    static String yuan(long fen) {
        return Money.ofMinor(fen).toPlainString();
    }

    static String time(Instant instant) {
        return SafePayTime.format(instant);
    }
}
