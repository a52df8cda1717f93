package com.safepay.demo;

import com.safepay.merchant.MerchantKeys;
import com.safepay.merchant.MerchantNo;
import com.safepay.merchant.MerchantService;
import com.safepay.merchant.MerchantView;
import com.safepay.payment.Buyer;
import com.safepay.payment.BuyerService;
import com.safepay.payment.TradeService;
import com.safepay.security.UserService;
import com.safepay.shared.Money;
import com.safepay.shared.Role;
import com.safepay.shared.RsaSignatures;
import com.safepay.withdrawal.Bank;
import com.safepay.withdrawal.BankAccountService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Fills an empty database with two merchants (to show isolation) and one user per role, all with the
 * demo password, and prints the logins. Only with the {@code demo} profile.
 */
@Component
@EnableConfigurationProperties(DemoProperties.class)
@Profile("demo")
@ConditionalOnProperty(name = "safepay.demo.enabled", havingValue = "true")
@Order(0)
class DemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    static final MerchantNo FIRST_MERCHANT = new MerchantNo("2088100000000001");
    static final MerchantNo SECOND_MERCHANT = new MerchantNo("2088100000000002");

    static final String BUYER_LOGIN = "13800000001";
    static final String BUYER_PAYMENT_PASSWORD = "123456";
    static final String MERCHANT_PAYMENT_PASSWORD = "123456";

    private final MerchantService merchants;
    private final UserService users;
    private final MerchantKeys merchantKeys;
    private final BuyerService buyers;
    private final TradeService trades;
    private final BankAccountService bankAccounts;
    private final Clock clock;
    private final DemoProperties properties;
    private final Environment environment;

    DemoData(
            MerchantService merchants,
            UserService users,
            MerchantKeys merchantKeys,
            BuyerService buyers,
            TradeService trades,
            BankAccountService bankAccounts,
            Clock clock,
            DemoProperties properties,
            Environment environment) {
        this.merchants = merchants;
        this.users = users;
        this.merchantKeys = merchantKeys;
        this.buyers = buyers;
        this.trades = trades;
        this.bankAccounts = bankAccounts;
        this.clock = clock;
        this.properties = properties;
        this.environment = environment;
    }

    /** The port the server listens on; known once it has started (before this runner runs). */
    private String port() {
        return environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
    }

    @Override
    public void run(ApplicationArguments args) {
        boolean seeded = runAsSystemAdmin(this::seedIfEmpty);
        printLogins();
        if (seeded) {
            if (properties.seedInBackground()) {
                Thread.ofVirtual().name("demo-trades").start(() -> runAsSystemAdmin(this::seedTrades));
            } else {
                runAsSystemAdmin(this::seedTrades);
            }
        }
    }

    private boolean seedIfEmpty() {
        if (merchants.count() > 0 || users.count() > 0) {
            log.info("Demo data: database is not empty, nothing added");
            return false;
        }
        String password = properties.password();
        ZoneId shanghai = ZoneId.of("Asia/Shanghai");
        MerchantView first =
                merchants.register(FIRST_MERCHANT, "云杉咖啡 Spruce Coffee", "spruce@safepay.demo", shanghai, "system");
        MerchantView second =
                merchants.register(SECOND_MERCHANT, "青禾书店 Green Grain Books", "books@safepay.demo", shanghai, "system");
        users.createUser("merchant", password, Role.MERCHANT, first.id());
        users.createUser("finance", password, Role.FINANCE, first.id());
        users.createUser("merchant2", password, Role.MERCHANT, second.id());
        users.createUser("admin", password, Role.ADMIN, null);
        giveKeyPair(first);
        giveKeyPair(second);
        // The first merchant is real-name verified (no monthly limit) and has a verified bank account;
        // the second is not verified and has no bank account, to show the allowance and the withdrawal set-up.
        merchants.setRealNameVerified(first.id(), true);
        merchants.setPaymentPassword(first.id(), MERCHANT_PAYMENT_PASSWORD);
        merchants.setPaymentPassword(second.id(), MERCHANT_PAYMENT_PASSWORD);
        bankAccounts.addFor(first.id(), "云杉咖啡有限公司", Bank.CMB, "上海陆家嘴支行", "6214830212345678");
        buyers.register(BUYER_LOGIN, "张三", password, BUYER_PAYMENT_PASSWORD, BUYER_LOGIN);
        buyers.register("13800000002", "李四", password, BUYER_PAYMENT_PASSWORD, "13800000002");
        buyers.register("13800000003", "王五 (余额很少)", password, BUYER_PAYMENT_PASSWORD, "13800000003");
        for (int i = 4; i <= 30; i++) {
            String login = "138000000%02d".formatted(i);
            buyers.register(login, "买家 " + i, password, BUYER_PAYMENT_PASSWORD, login);
        }
        for (int i = 1; i <= 30; i++) {
            long fen = i == 3 ? 1_000 : 500_000_00L;
            long buyerId = buyers.findByLogin("138000000%02d".formatted(i))
                    .orElseThrow()
                    .id();
            buyers.deposit(buyerId, Money.ofMinor(fen), "DEMO-DEPOSIT-" + i);
        }
        log.info("Demo data: 2 merchants, 4 users and 30 buyers created");
        return true;
    }

    private Boolean seedTrades() {
        List<Buyer> shoppers = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            if (i != 3) {
                shoppers.add(buyers.findByLogin("138000000%02d".formatted(i)).orElseThrow());
            }
        }
        DemoTrades demoTrades = new DemoTrades(trades, clock);
        String shopUrl = "http://localhost:" + port() + "/demo-shop";
        long started = System.nanoTime();
        MerchantView first = merchants.findByMerchantNoForSystem(FIRST_MERCHANT).orElseThrow();
        MerchantView second =
                merchants.findByMerchantNoForSystem(SECOND_MERCHANT).orElseThrow();
        int a = demoTrades.seed(first, shoppers, properties.trades(), 200, shopUrl, false);
        int b = demoTrades.seed(second, shoppers, Math.max(1, properties.trades() / 15), 200, shopUrl, true);
        log.info(
                "Demo data: {} + {} trades made through the payment engine in {} s",
                a,
                b,
                (System.nanoTime() - started) / 1_000_000_000);
        return true;
    }

    private void giveKeyPair(MerchantView merchant) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            merchantKeys.uploadPublicKey(merchant.id(), RsaSignatures.toPem(pair.getPublic()), "system");
            Path dir = Path.of(properties.keyDir());
            Files.createDirectories(dir);
            Path file = dir.resolve(merchant.merchantNo().value() + "_private.pem");
            Files.writeString(file, RsaSignatures.toPem(pair.getPrivate()));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Could not create the demo merchant key pair", e);
        }
    }

    private void printLogins() {
        String line = "=".repeat(72);
        StringBuilder text = new StringBuilder("\n").append(line).append('\n');
        text.append("  SafePay demo is running: http://localhost:")
                .append(port())
                .append("/\n");
        text.append("  Back-office logins (password for all: ")
                .append(properties.password())
                .append(")\n");
        for (String[] login : List.of(
                new String[] {"merchant", "MERCHANT of " + FIRST_MERCHANT},
                new String[] {"finance", "FINANCE of " + FIRST_MERCHANT},
                new String[] {"merchant2", "MERCHANT of " + SECOND_MERCHANT},
                new String[] {"admin", "ADMIN (platform)"})) {
            text.append(String.format("    %-10s %s%n", login[0], login[1]));
        }
        text.append("  Cashier buyer: ").append(BUYER_LOGIN).append(" / ").append(properties.password());
        text.append(", payment password ").append(BUYER_PAYMENT_PASSWORD).append('\n');
        text.append("  Merchant payment password (withdrawals, refunds): ")
                .append(MERCHANT_PAYMENT_PASSWORD)
                .append('\n');
        text.append("  Demo merchant private keys: ")
                .append(Path.of(properties.keyDir()).toAbsolutePath())
                .append('\n');
        text.append(line);
        log.info(text.toString());
    }

    private static <T> T runAsSystemAdmin(Supplier<T> work) {
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                "system", null, List.of(new SimpleGrantedAuthority(Role.ADMIN.authority()))));
        SecurityContextHolder.setContext(context);
        try {
            return work.get();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
