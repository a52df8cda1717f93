package com.safepay.support;

import com.safepay.example.ExampleMerchantClient;
import com.safepay.merchant.MerchantKeys;
import com.safepay.merchant.MerchantNo;
import com.safepay.merchant.MerchantService;
import com.safepay.merchant.MerchantView;
import com.safepay.payment.Buyer;
import com.safepay.payment.BuyerService;
import com.safepay.payment.CreateTrade;
import com.safepay.payment.TradeService;
import com.safepay.payment.TradeType;
import com.safepay.shared.Money;
import com.safepay.shared.RsaSignatures;
import java.net.URI;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.time.Clock;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicLong;

/** Creates merchants with API keys and funded buyers of their own for each test. */
public final class TestMerchants {

    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 1_000_000_000L);
    private static KeyPair sharedKeys;

    public record TestMerchant(MerchantView merchant, KeyPair keys) {

        public String merchantNo() {
            return merchant.merchantNo().value();
        }

        /** The example client signing as this merchant against SafePay at {@code port} on this machine. */
        public ExampleMerchantClient client(int port, PublicKey safePayKey, Clock clock) {
            return new ExampleMerchantClient(
                    URI.create("http://localhost:" + port), merchantNo(), keys.getPrivate(), safePayKey, clock);
        }
    }

    private TestMerchants() {}

    /** One 2048-bit key pair for all test merchants: generating one per test costs seconds. */
    public static synchronized KeyPair keys() {
        if (sharedKeys == null) {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                sharedKeys = generator.generateKeyPair();
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        return sharedKeys;
    }

    public static TestMerchant merchant(MerchantService merchants, MerchantKeys merchantKeys) {
        long n = SEQUENCE.incrementAndGet();
        MerchantView merchant = SystemUser.asAdmin(() -> merchants.register(
                new MerchantNo("2088" + "%012d".formatted(n % 1_000_000_000_000L)),
                "Test merchant " + n,
                "seller" + n + "@test",
                ZoneId.of("Asia/Shanghai"),
                "test"));
        SystemUser.asAdmin(() -> {
            merchantKeys.uploadPublicKey(merchant.id(), RsaSignatures.toPem(keys().getPublic()), "test");
            // verified, so that the free monthly allowance of unverified merchants does not get in the way
            merchants.setRealNameVerified(merchant.id(), true);
            merchants.setPaymentPassword(merchant.id(), "123456");
            return null;
        });
        return new TestMerchant(merchants.findForSystem(merchant.id()).orElseThrow(), keys());
    }

    public static Buyer buyer(BuyerService buyers, long balanceFen) {
        long n = SEQUENCE.incrementAndGet();
        Buyer buyer = buyers.register(
                "buyer" + n + "@test", "Buyer " + n, "buyer-password-1", "123456", "139" + n % 100_000_000);
        if (balanceFen > 0) {
            buyers.deposit(buyer.id(), Money.ofMinor(balanceFen), "TEST-DEPOSIT-" + buyer.id());
        }
        return buyer;
    }

    /** Creates an instant trade of {@code amountFen} at the merchant and has the buyer pay it: its trade no. */
    public static String paidTrade(TradeService trades, TestMerchant merchant, Buyer buyer, long amountFen) {
        String tradeNo = trades.create(new CreateTrade(
                        merchant.merchant().id(),
                        "paid-" + SEQUENCE.incrementAndGet(),
                        "Test order",
                        null,
                        amountFen,
                        TradeType.INSTANT,
                        "https://shop.example/n",
                        null,
                        null))
                .trade()
                .tradeNo();
        trades.pay(tradeNo, buyer.id(), "CONFIRM");
        return tradeNo;
    }
}
