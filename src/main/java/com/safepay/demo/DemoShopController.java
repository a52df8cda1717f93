package com.safepay.demo;

import com.safepay.merchant.PlatformKeys;
import com.safepay.shared.RsaSignatures;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.annotation.Profile;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * A sandbox merchant shop for the demo profile only: the page the cashier returns to, which checks
 * SafePay's signature as a real shop must, and an endpoint that accepts notifications.
 */
@RestController
@Profile("demo")
class DemoShopController {

    private final PlatformKeys platformKeys;
    private final Map<String, Integer> attempts = new ConcurrentHashMap<>();

    DemoShopController(PlatformKeys platformKeys) {
        this.platformKeys = platformKeys;
    }

    @GetMapping(path = "/demo-shop/return", produces = MediaType.TEXT_HTML_VALUE + ";charset=UTF-8")
    String returned(@RequestParam Map<String, String> result) {
        Map<String, String> signed = new java.util.LinkedHashMap<>();
        for (String field :
                new String[] {"out_trade_no", "trade_no", "total_amount", "result_code", "timestamp", "sign"}) {
            if (result.get(field) != null) {
                signed.put(field, result.get(field));
            }
        }
        boolean valid = RsaSignatures.verify(signed, platformKeys.publicKey());
        String code = HtmlUtils.htmlEscape(result.getOrDefault("result_code", ""));
        return """
                <!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>Demo shop · 沙箱商户</title>
                <style>body{font-family:system-ui,'Noto Sans CJK SC',sans-serif;max-width:32rem;margin:3rem auto;color:#10213a}
                .box{border:1px solid #e3e8ef;border-radius:12px;padding:1.5rem}.ok{color:#177245}.bad{color:#b42318}</style></head>
                <body><div class="box"><h2>沙箱商户 Demo shop</h2>
                <p id="result">result_code: <b>%s</b> (%s)</p>
                <p id="signature" class="%s">%s</p>
                <p>out_trade_no: %s<br>trade_no: %s<br>total_amount: %s</p>
                <p><small>A real shop fulfils orders only after the asynchronous notification or a trade/query.</small></p>
                </div></body></html>""".formatted(
                        code,
                        switch (code) {
                            case "9000" -> "支付成功 paid";
                            case "6001" -> "用户取消 cancelled";
                            case "4000" -> "支付失败 failed";
                            default -> "处理中 processing";
                        },
                        valid ? "ok" : "bad",
                        valid ? "签名有效 Signature valid" : "签名无效 Signature INVALID",
                        HtmlUtils.htmlEscape(result.getOrDefault("out_trade_no", "")),
                        HtmlUtils.htmlEscape(result.getOrDefault("trade_no", "")),
                        HtmlUtils.htmlEscape(result.getOrDefault("total_amount", "")));
    }

    /**
     * The sandbox receiver. Checks the signature like a real shop, then behaves by the order number so
     * that the monitor shows every case: most orders answer {@code success} at once, about one in eight
     * fails twice before it succeeds, and about one in twelve never succeeds.
     */
    @PostMapping(path = "/demo-shop/notify", produces = MediaType.TEXT_PLAIN_VALUE)
    ResponseEntity<String> notified(@RequestParam Map<String, String> notification) {
        if (!RsaSignatures.verify(notification, platformKeys.publicKey())) {
            return ResponseEntity.badRequest().body("fail: bad signature");
        }
        int behaviour =
                Math.floorMod(notification.getOrDefault("out_trade_no", "").hashCode(), 100);
        if (behaviour < 8) {
            return ResponseEntity.status(500).body("sandbox: this order's server is down");
        }
        int seen = attempts.merge(notification.get("notify_id"), 1, Integer::sum);
        if (behaviour < 20 && seen <= 2) {
            return ResponseEntity.ok("sandbox: busy, try again later");
        }
        return ResponseEntity.ok("success");
    }
}
