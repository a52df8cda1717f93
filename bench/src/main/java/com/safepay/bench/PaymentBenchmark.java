package com.safepay.bench;

import com.safepay.SafePayApplication;
import com.safepay.ledger.LedgerService;
import com.safepay.merchant.MerchantNo;
import com.safepay.merchant.MerchantService;
import com.safepay.merchant.MerchantView;
import com.safepay.payment.Buyer;
import com.safepay.payment.BuyerService;
import com.safepay.payment.CreateTrade;
import com.safepay.payment.Trade;
import com.safepay.payment.TradeService;
import com.safepay.payment.TradeType;
import com.safepay.shared.Money;
import com.safepay.shared.Role;
import com.safepay.support.Orphans;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.mock.web.MockServletContext;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.support.GenericWebApplicationContext;

/**
 * The payment-engine benchmark (docs/performance.md). Starts an embedded PostgreSQL with default
 * durability (fsync and synchronous_commit on), starts SafePay against it, then measures with N
 * worker threads, each workload for a fixed time after a warm-up, in one run:
 *
 * <ol>
 *   <li>baseline: bare JDBC, one transaction = buyer debit UPDATE with a check, merchant credit
 *       UPDATE, two posting INSERTs;
 *   <li>uniform: {@link TradeService#create} + {@link TradeService#pay}, random buyer and merchant;
 *   <li>hot merchant: the same, every payment to one merchant (and the one fee account);
 *   <li>with {@code --floor}: the same payment in bare JDBC on SafePay's tables, fewest statements.
 * </ol>
 *
 * It prints throughput, latency percentiles, the ratios against the targets, the disk's fsync
 * latency and the machine, then checks the ledger invariants on the database. Exit code 1 when an
 * invariant fails or the run breaks; target misses only print FAIL unless {@code --strict}.
 *
 * <p>Options ({@code --name=value}, all optional; docs/performance.md has the table):
 *
 * <ul>
 *   <li>threads (16), warmup (5 s per workload), duration (15 s per workload), merchants (50),
 *       buyers (200), history (20 paid trades per merchant before measuring, then VACUUM ANALYZE);
 *   <li>jit-warmup (at most 60 s) and jit-payments (24,000): all workloads on 4 threads first;
 *   <li>floor: also measure the fewest-statements payment on SafePay's tables in bare JDBC;
 *   <li>wait-quiet (0): seconds to wait before each workload until other processes use under 10%;
 *   <li>statements (true): pg_stat_statements profile; top-statements (25) listed per workload;
 *   <li>jfr (a folder): a flight recording per measured window; explain: plans of the out_trade_no
 *       look-up after the run;
 *   <li>pg-conf ({@code name=value;name=value}): extra server settings, durability ones excepted;
 *       spring ({@code name=value;name=value}): extra SafePay properties;
 *   <li>data-dir (bench/target/pgdata); strict (false): exit code 3 when a target is missed.
 * </ul>
 */
public final class PaymentBenchmark {

    // Targets from the issue.
    static final double TARGET_UNIFORM_PER_S = 3_000;
    static final double TARGET_UNIFORM_VS_BASELINE = 0.6;
    static final double TARGET_HOT_VS_UNIFORM = 0.8;
    static final double TARGET_HOT_P99_MS = 50;

    private final Map<String, String> options;
    private final int threads;
    private final int warmupSeconds;
    private final int durationSeconds;
    private final int merchantCount;
    private final int buyerCount;
    private final Path dataDir;
    private final boolean statementStatsOn;
    private final int topStatements;

    private DataSource dataSource;
    private TradeService tradeService;
    private LedgerService ledgerService;
    private long[] merchantIds;
    private long[] buyerIds;
    private final AtomicLong outTradeSequence = new AtomicLong();
    /** Payments the benchmark saw succeed, in every phase (warm-up included): must match the database. */
    private final LongAdder paidBySafePay = new LongAdder();

    private final LongAdder notificationsReceived = new LongAdder();
    private String notifyUrl;

    private PaymentBenchmark(Map<String, String> options) {
        this.options = options;
        this.threads = intOption("threads", 16);
        this.warmupSeconds = intOption("warmup", 5);
        this.durationSeconds = intOption("duration", 15);
        this.merchantCount = intOption("merchants", 50);
        this.buyerCount = intOption("buyers", 200);
        this.dataDir =
                Path.of(options.getOrDefault("data-dir", "bench/target/pgdata")).toAbsolutePath();
        this.statementStatsOn = Boolean.parseBoolean(options.getOrDefault("statements", "true"));
        this.topStatements = intOption("top-statements", 25);
    }

    public static void main(String[] args) throws Exception {
        // Quiet until Spring configures logging (embedded PostgreSQL logs every line at INFO).
        if (LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(ch.qos.logback.classic.Level.WARN);
        }
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            if (arg.isBlank()) {
                continue;
            }
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("Options look like --name=value, not " + arg);
            }
            int eq = arg.indexOf('=');
            options.put(eq < 0 ? arg.substring(2) : arg.substring(2, eq), eq < 0 ? "true" : arg.substring(eq + 1));
        }
        int exit;
        try {
            exit = new PaymentBenchmark(options).run();
        } catch (Throwable e) {
            e.printStackTrace();
            exit = 2;
        }
        System.out.flush();
        // Spring's and PostgreSQL's shutdown hooks run on exit.
        System.exit(exit);
    }

    private int run() throws Exception {
        long started = System.nanoTime();
        String runDate =
                LocalDateTime.now(ZoneId.of("UTC")).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")) + " UTC";
        log("SafePay payment benchmark, " + runDate);
        log(
                "threads=%d warmup=%ds duration=%ds merchants=%d buyers=%d data-dir=%s",
                threads, warmupSeconds, durationSeconds, merchantCount, buyerCount, dataDir);

        Files.createDirectories(dataDir);
        FsyncStats fsync = measureFsync(dataDir.getParent(), 200);
        log("fsync: %s", fsync);

        var builder = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                .setServerConfig("shared_preload_libraries", statementStatsOn ? "pg_stat_statements" : "");
        // --pg-conf=name=value;name=value: extra server settings, for diagnosis (auto_explain, logging)
        for (String setting : options.getOrDefault("pg-conf", "").split(";")) {
            int eq = setting.indexOf('=');
            if (eq > 0) {
                builder.setServerConfig(
                        setting.substring(0, eq).trim(),
                        setting.substring(eq + 1).trim());
            }
        }
        try (var postgres = builder.setDataDirectory(dataDir)
                .setCleanDataDirectory(true)
                // Default durability: zonky's builder turns synchronous_commit off unless told otherwise.
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("max_connections", "100")
                .setServerConfig("pg_stat_statements.track_utility", "on")
                .start()) {
            String url = createDatabase(postgres);
            String pgSettings = pgSettings(postgres.getPostgresDatabase());
            log("PostgreSQL: %s", pgSettings);

            // The merchants' notify_url: a local receiver that answers "success", so that SafePay's
            // notification dispatcher does its real work per payment (sign, POST, record) and never
            // reaches out of the machine.
            HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
            receiver.createContext("/notify", exchange -> {
                exchange.getRequestBody().readAllBytes();
                byte[] success = "success".getBytes(StandardCharsets.US_ASCII);
                exchange.sendResponseHeaders(200, success.length);
                exchange.getResponseBody().write(success);
                exchange.close();
                notificationsReceived.increment();
            });
            receiver.setExecutor(Executors.newFixedThreadPool(4));
            receiver.start();
            notifyUrl = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/notify";
            try (ConfigurableApplicationContext context = startSafePay(url)) {
                dataSource = context.getBean(DataSource.class);
                tradeService = context.getBean(TradeService.class);
                ledgerService = context.getBean(LedgerService.class);
                setUp(context.getBean(MerchantService.class), context.getBean(BuyerService.class));

                createBaselineTables();
                jitWarmUp(intOption("jit-warmup", 60));
                Result baseline = measure("baseline (bare JDBC)", this::baselinePayment);
                Result uniform = measure("uniform (create + pay)", () -> safePayPayment(randomMerchant()));
                Result hot = measure("hot merchant (create + pay)", () -> safePayPayment(merchantIds[0]));
                // --floor: the same payment in the fewest statements SafePay's tables allow (see floorPayment)
                Result floor = options.containsKey("floor")
                        ? measure("floor: bare JDBC on SafePay tables", () -> floorPayment(randomMerchantIndex()))
                        : null;

                if (options.containsKey("explain")) {
                    explain();
                }
                Invariants invariants = checkInvariants();
                long seconds = (System.nanoTime() - started) / 1_000_000_000L;
                boolean targetsMet =
                        report(runDate, fsync, pgSettings, baseline, uniform, hot, floor, invariants, seconds);
                if (!invariants.allHold()) {
                    return 1;
                }
                return !targetsMet && Boolean.parseBoolean(options.getOrDefault("strict", "false")) ? 3 : 0;
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Set-up

    private String createDatabase(io.zonky.test.db.postgres.embedded.EmbeddedPostgres postgres) throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute("create database safepay_bench");
        }
        if (statementStatsOn) {
            try (Connection c =
                            postgres.getDatabase("postgres", "safepay_bench").getConnection();
                    Statement s = c.createStatement()) {
                s.execute("create extension pg_stat_statements");
            }
        }
        return postgres.getJdbcUrl("postgres", "safepay_bench");
    }

    private static String pgSettings(DataSource postgres) throws SQLException {
        List<String> shown = new ArrayList<>();
        try (Connection c = postgres.getConnection();
                Statement s = c.createStatement()) {
            for (String name : List.of(
                    "server_version",
                    "fsync",
                    "synchronous_commit",
                    "wal_sync_method",
                    "full_page_writes",
                    "max_connections",
                    "shared_buffers")) {
                try (ResultSet rs = s.executeQuery("show " + name)) {
                    rs.next();
                    shown.add(name + "=" + rs.getString(1));
                }
            }
        }
        return String.join(" ", shown);
    }

    private ConfigurableApplicationContext startSafePay(String url) {
        long t = System.nanoTime();
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", url);
        properties.put("spring.datasource.username", "postgres");
        properties.put("spring.datasource.password", "");
        // the workers, the roll-up job, the payment jobs and a spare
        properties.put("spring.datasource.hikari.maximum-pool-size", threads + 4);
        properties.put("spring.datasource.hikari.minimum-idle", threads + 4);
        properties.put("spring.main.banner-mode", "off");
        properties.put("safepay.demo.enabled", "false");
        properties.put("safepay.notify.host-allow-list", "127.0.0.1");
        // Each payment writes its notification to the outbox in its transaction (part of what is
        // measured). Delivering them (sign, POST, record) is measured by NotificationBenchmark; here
        // the dispatcher is off by default so that it does not take the payments' CPU.
        // --deliver: run the dispatcher during the windows as well.
        if (!options.containsKey("deliver")) {
            properties.put("safepay.notify.continuous", "false");
            properties.put("safepay.notify.dispatch-interval", "1h");
        }
        properties.put("logging.level.root", "warn");
        properties.put("logging.level.com.safepay", "warn");
        // --spring=name=value;name=value: extra SafePay properties, for experiments (pool size, driver settings)
        for (String setting : options.getOrDefault("spring", "").split(";")) {
            int eq = setting.indexOf('=');
            if (eq > 0) {
                properties.put(
                        setting.substring(0, eq).trim(),
                        setting.substring(eq + 1).trim());
            }
        }
        // Vaadin's security configuration needs a servlet context, so no web-application-type=none. As in
        // the @SpringBootTest tests: a servlet web context on a mock servlet context, so no HTTP server
        // or Vaadin servlet starts; the benchmark calls the services directly.
        ConfigurableApplicationContext context = new SpringApplicationBuilder(SafePayApplication.class)
                .web(WebApplicationType.SERVLET)
                .contextFactory(type -> new GenericWebApplicationContext(new MockServletContext()))
                // as command-line arguments: they win over application.properties (H2 by default)
                .run(properties.entrySet().stream()
                        .map(e -> "--" + e.getKey() + "=" + e.getValue())
                        .toArray(String[]::new));
        log("SafePay context started in %.1f s", (System.nanoTime() - t) / 1e9);
        return context;
    }

    private void setUp(MerchantService merchants, BuyerService buyers) throws Exception {
        long t = System.nanoTime();
        long base = System.currentTimeMillis() % 1_000_000L;
        merchantIds = new long[merchantCount];
        asAdmin(() -> {
            for (int i = 0; i < merchantCount; i++) {
                MerchantView merchant = merchants.register(
                        new MerchantNo("2088" + "%012d".formatted(base * 1000 + i)),
                        "Bench merchant " + i,
                        "seller" + i + "@bench.test",
                        ZoneId.of("Asia/Shanghai"),
                        "bench");
                merchantIds[i] = merchant.id();
                // real-name verified: an unverified merchant has a small free monthly allowance
                merchants.setRealNameVerified(merchant.id(), true);
            }
        });
        // BuyerService.register hashes two bcrypt passwords: spread them over the cores.
        buyerIds = new long[buyerCount];
        ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < buyerCount; i++) {
                int n = i;
                done.add(pool.submit(() -> {
                    Buyer buyer = buyers.register(
                            "bench.buyer" + n + "@bench.test",
                            "Bench buyer " + n,
                            "bench-password-1",
                            "123456",
                            "139%08d".formatted(n));
                    // enough for any run: ¥10,000,000.00 each
                    buyers.deposit(buyer.id(), Money.ofMinor(1_000_000_000L), "BENCH-DEPOSIT-" + buyer.id());
                    buyerIds[n] = buyer.id();
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        // Fold the deposits in, so that the first debits find the money on the balance row.
        while (ledgerService.rollUp(10_000) > 0) {
            // more accounts pending
        }
        // A trade history, then statistics, as on a database in service: on a fresh, never analyzed trade
        // table the cached generic plan of the out_trade_no look-up picks the merchant's window index and
        // scans all of the merchant's trades (docs/performance.md). autovacuum's first analyze would come
        // only after a minute.
        int history = intOption("history", 20 * merchantCount);
        ExecutorService creators = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < history; i++) {
                done.add(creators.submit(() -> safePayPayment(randomMerchant())));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            creators.shutdown();
        }
        analyze();
        log(
                "set up %d merchants, %d funded buyers and %d paid trades in %.1f s",
                merchantCount, buyerCount, history, (System.nanoTime() - t) / 1e9);
    }

    private static void asAdmin(Runnable work) {
        var previous = SecurityContextHolder.getContext();
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                "bench-admin", null, List.of(new SimpleGrantedAuthority(Role.ADMIN.authority()))));
        SecurityContextHolder.setContext(context);
        try {
            work.run();
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Workloads

    private static final long BASELINE_BALANCE = 1_000_000_000_000L;

    private void createBaselineTables() throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute("""
                    create table bench_account (
                        id      bigint primary key,
                        balance bigint not null check (balance >= 0))""");
            s.execute("""
                    create table bench_posting (
                        id         bigint generated by default as identity primary key,
                        account_id bigint not null references bench_account (id),
                        amount     bigint not null,
                        reference  varchar(64) not null,
                        created_at timestamp with time zone not null default now())""");
            s.execute("create index ix_bench_posting_account on bench_posting (account_id, id)");
            // Same account population as the SafePay workloads: buyers 1..B, merchants 1_000_001...
            s.execute("insert into bench_account (id, balance) select g, " + BASELINE_BALANCE
                    + " from generate_series(1, " + buyerCount + ") g");
            s.execute("insert into bench_account (id, balance) select 1000000 + g, 0 from generate_series(1, "
                    + merchantCount + ") g");
            s.execute("vacuum analyze bench_account");
        }
    }

    /** One baseline payment: buyer debit with a check, merchant credit, two postings, one commit. */
    private boolean baselinePayment() throws SQLException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long buyer = 1 + random.nextInt(buyerCount);
        long merchant = 1_000_001 + random.nextInt(merchantCount);
        long amount = amount();
        String reference = "B" + outTradeSequence.incrementAndGet();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement debit = c.prepareStatement(
                        "update bench_account set balance = balance - ? where id = ? and balance >= ?")) {
                    debit.setLong(1, amount);
                    debit.setLong(2, buyer);
                    debit.setLong(3, amount);
                    if (debit.executeUpdate() != 1) {
                        c.rollback();
                        return false;
                    }
                }
                try (PreparedStatement credit =
                        c.prepareStatement("update bench_account set balance = balance + ? where id = ?")) {
                    credit.setLong(1, amount);
                    credit.setLong(2, merchant);
                    credit.executeUpdate();
                }
                try (PreparedStatement posting = c.prepareStatement(
                        "insert into bench_posting (account_id, amount, reference) values (?, ?, ?)")) {
                    posting.setLong(1, buyer);
                    posting.setLong(2, -amount);
                    posting.setString(3, reference);
                    posting.executeUpdate();
                    posting.setLong(1, merchant);
                    posting.setLong(2, amount);
                    posting.setString(3, reference);
                    posting.executeUpdate();
                }
                c.commit();
                return true;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    /** One SafePay payment: create the trade (its own transaction), then pay it (one transaction). */
    private boolean safePayPayment(long merchantId) {
        long buyer = buyerIds[ThreadLocalRandom.current().nextInt(buyerIds.length)];
        TradeService.Created created = tradeService.create(new CreateTrade(
                merchantId,
                "BENCH" + outTradeSequence.incrementAndGet(),
                "Benchmark payment",
                null,
                amount(),
                TradeType.INSTANT,
                notifyUrl,
                null,
                null));
        Trade paid = tradeService.pay(created.trade().tradeNo(), buyer, "CONFIRM");
        paidBySafePay.increment();
        return paid.paidAt() != null;
    }

    private int randomMerchantIndex() {
        return ThreadLocalRandom.current().nextInt(merchantIds.length);
    }

    private long[] buyerWallets;
    private long[] merchantAccounts;
    private long feeAccount;
    private int[] merchantFeeRates;

    /**
     * The floor: one payment on SafePay's own tables in the fewest statements they allow, in bare JDBC:
     * the trade insert (autocommit), then one transaction of trade update, wallet debit with its check,
     * journal entry, the three postings in one statement and the two pending credits in one statement.
     * No audit line, no notification, no idempotency look-ups. What SafePay could reach on this schema
     * with its two commits per payment; the invariants are checked over these payments too.
     */
    private boolean floorPayment(int merchant) throws SQLException {
        if (buyerWallets == null) {
            loadFloorAccounts();
        }
        int buyer = ThreadLocalRandom.current().nextInt(buyerIds.length);
        long amount = amount();
        long fee = (amount * merchantFeeRates[merchant] + 500_000) / 1_000_000; // half-up, amounts > 0
        long tradeId;
        String tradeNo;
        try (Connection c = dataSource.getConnection();
                PreparedStatement insert = c.prepareStatement("""
                        insert into trade (trade_no, merchant_id, out_trade_no, subject, body, total_amount, currency,
                            trade_type, status, notify_url, return_url, timeout_express, fee_rate_ppm, fee_amount,
                            created_at, expires_at)
                        values ('F' || lpad(cast(nextval('trade_no_seq') as varchar), 15, '0'), ?, ?, 'Benchmark payment',
                            null, ?, 'CNY', 'INSTANT', 'WAIT_BUYER_PAY', 'https://merchant.example/notify', null, '30m',
                            ?, ?, now(), now() + interval '30 minutes')
                        returning id, trade_no""")) {
            insert.setLong(1, merchantIds[merchant]);
            insert.setString(2, "FLOOR" + outTradeSequence.incrementAndGet());
            insert.setLong(3, amount);
            insert.setInt(4, merchantFeeRates[merchant]);
            insert.setLong(5, fee);
            try (ResultSet rs = insert.executeQuery()) {
                rs.next();
                tradeId = rs.getLong(1);
                tradeNo = rs.getString(2);
            }
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement paid = c.prepareStatement("""
                        update trade set status = 'TRADE_SUCCESS', buyer_id = ?, buyer_account = 'floor', risk_tier = 'CONFIRM',
                            paid_at = now(), finish_due_at = now() + interval '90 days'
                        where id = ? and status = 'WAIT_BUYER_PAY' and expires_at > now()""")) {
                    paid.setLong(1, buyerIds[buyer]);
                    paid.setLong(2, tradeId);
                    if (paid.executeUpdate() != 1) {
                        throw new IllegalStateException("trade " + tradeNo + " not payable");
                    }
                }
                try (PreparedStatement debit = c.prepareStatement(
                        "update ledger_account set balance = balance - ? where id = ? and balance >= ?")) {
                    debit.setLong(1, amount);
                    debit.setLong(2, buyerWallets[buyer]);
                    debit.setLong(3, amount);
                    if (debit.executeUpdate() != 1) {
                        throw new IllegalStateException("insufficient funds");
                    }
                }
                long entryId;
                try (PreparedStatement entry = c.prepareStatement("""
                        insert into journal_entry (entry_type, reference, currency, created_at)
                        values ('PAYMENT', ?, 'CNY', now()) returning id""")) {
                    entry.setString(1, tradeNo);
                    try (ResultSet rs = entry.executeQuery()) {
                        rs.next();
                        entryId = rs.getLong(1);
                    }
                }
                try (PreparedStatement postings = c.prepareStatement("""
                        insert into posting (entry_id, account_id, amount, entry_type, reference, created_at)
                        values (?, ?, ?, 'PAYMENT', ?, now()), (?, ?, ?, 'PAYMENT', ?, now()), (?, ?, ?, 'PAYMENT', ?, now())""")) {
                    long[][] legs = {
                        {buyerWallets[buyer], -amount}, {merchantAccounts[merchant], amount - fee}, {feeAccount, fee}
                    };
                    for (int i = 0; i < 3; i++) {
                        postings.setLong(4 * i + 1, entryId);
                        postings.setLong(4 * i + 2, legs[i][0]);
                        postings.setLong(4 * i + 3, legs[i][1]);
                        postings.setString(4 * i + 4, tradeNo);
                    }
                    postings.executeUpdate();
                }
                try (PreparedStatement pending =
                        c.prepareStatement("insert into pending_posting (account_id, amount) values (?, ?), (?, ?)")) {
                    pending.setLong(1, merchantAccounts[merchant]);
                    pending.setLong(2, amount - fee);
                    pending.setLong(3, feeAccount);
                    pending.setLong(4, fee);
                    pending.executeUpdate();
                }
                c.commit();
                paidBySafePay.increment();
                return true;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    private synchronized void loadFloorAccounts() throws SQLException {
        if (buyerWallets != null) {
            return;
        }
        long[] wallets = new long[buyerIds.length];
        long[] accounts = new long[merchantIds.length];
        int[] rates = new int[merchantIds.length];
        try (Connection c = dataSource.getConnection();
                PreparedStatement wallet = c.prepareStatement("select wallet_account_id from buyer where id = ?");
                PreparedStatement merchant = c.prepareStatement("""
                        select a.id, m.fee_rate_ppm from merchant m
                        join ledger_account a on a.code = 'MERCHANT_AVAILABLE:' || m.id where m.id = ?""");
                Statement s = c.createStatement()) {
            for (int i = 0; i < buyerIds.length; i++) {
                wallet.setLong(1, buyerIds[i]);
                try (ResultSet rs = wallet.executeQuery()) {
                    rs.next();
                    wallets[i] = rs.getLong(1);
                }
            }
            for (int i = 0; i < merchantIds.length; i++) {
                merchant.setLong(1, merchantIds[i]);
                try (ResultSet rs = merchant.executeQuery()) {
                    rs.next();
                    accounts[i] = rs.getLong(1);
                    rates[i] = rs.getInt(2);
                }
            }
            feeAccount = single(s, "select id from ledger_account where code = 'PLATFORM_FEE_INCOME'");
        }
        merchantAccounts = accounts;
        merchantFeeRates = rates;
        buyerWallets = wallets;
    }

    private long randomMerchant() {
        return merchantIds[ThreadLocalRandom.current().nextInt(merchantIds.length)];
    }

    /** ¥1.00 to ¥100.00 */
    private static long amount() {
        return 100 + ThreadLocalRandom.current().nextLong(9_901);
    }

    /**
     * Runs all three workloads on a few threads, so that the JIT compiles their code before anything is
     * measured: with 16 threads and PostgreSQL on two cores the compiler threads get so little CPU that
     * the first SafePay workload was still being compiled after a 10 s warm-up (its JVM CPU per payment
     * came out twice that of the next one).
     */
    private void jitWarmUp(int maxSeconds) throws InterruptedException {
        if (maxSeconds <= 0) {
            return;
        }
        long jit0 = jitMillis();
        long start = System.nanoTime();
        long end = start + maxSeconds * 1_000_000_000L;
        // C2 compiles a method after about 10,000 calls: every SafePay path at least twice that often
        int payments = intOption("jit-payments", 24_000);
        LongAdder done = new LongAdder();
        List<Thread> warmers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            warmers.add(Thread.ofPlatform().name("bench-jit-warmup-" + i).start(() -> {
                int n = 0;
                while (System.nanoTime() < end && done.sum() < payments) {
                    try {
                        switch (n++ % 3) {
                            case 0 -> baselinePayment();
                            case 1 -> safePayPayment(randomMerchant());
                            default -> safePayPayment(merchantIds[0]);
                        }
                        done.increment();
                    } catch (Exception e) {
                        log("warm-up payment failed: %s", e);
                    }
                }
            }));
        }
        for (Thread warmer : warmers) {
            warmer.join();
        }
        // let the compiler threads finish what is queued, with nothing else running
        long settle = System.nanoTime();
        long before;
        do {
            before = jitMillis();
            Thread.sleep(500);
        } while (jitMillis() > before && System.nanoTime() - settle < 10_000_000_000L);
        log(
                "JIT warm-up: %d payments in %.0f s, %d ms of JIT compilation",
                done.sum(), (System.nanoTime() - start) / 1e9, jitMillis() - jit0);
    }

    /** Accumulated JIT compilation time of this JVM. */
    private static long jitMillis() {
        var compilation = ManagementFactory.getCompilationMXBean();
        return compilation != null && compilation.isCompilationTimeMonitoringSupported()
                ? compilation.getTotalCompilationTime()
                : 0;
    }

    @FunctionalInterface
    interface Payment {
        /** @return true when the payment went through */
        boolean run() throws Exception;
    }

    record Result(
            String name,
            long payments,
            long failures,
            Map<String, Long> errors,
            double seconds,
            long[] sortedNanos,
            double jvmCpuSeconds,
            double pgCpuSeconds,
            double machineCpuSeconds,
            double transactionsPerPayment,
            List<StatementStat> statements,
            Map<String, Double> waits,
            long jitMillis) {

        double statementsPerPayment() {
            return statements.stream().mapToLong(StatementStat::calls).sum() / (double) payments;
        }

        double perSecond() {
            return payments / seconds;
        }

        double percentileMs(double p) {
            if (sortedNanos.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(p / 100.0 * sortedNanos.length) - 1;
            return sortedNanos[Math.max(0, Math.min(index, sortedNanos.length - 1))] / 1e6;
        }

        double meanMs() {
            return Arrays.stream(sortedNanos).average().orElse(Double.NaN) / 1e6;
        }

        /** CPU per payment, in ms: this JVM (client + SafePay) and the rest of the machine (PostgreSQL). */
        double jvmCpuMsPerPayment() {
            return jvmCpuSeconds * 1000 / payments;
        }

        double pgCpuMsPerPayment() {
            return pgCpuSeconds * 1000 / payments;
        }

        /**
         * Payments/s this workload could do if the benchmark's JVM and PostgreSQL had all cores to
         * themselves: cores / (JVM + PostgreSQL CPU per payment). Robust against other load.
         */
        double cpuBoundPerSecond() {
            return Runtime.getRuntime().availableProcessors() * 1000.0 / (jvmCpuMsPerPayment() + pgCpuMsPerPayment());
        }

        /** Busy CPU of everything else on the machine, as a share of all cores over the window. */
        double otherCpuShare() {
            return Math.max(0, machineCpuSeconds - jvmCpuSeconds - pgCpuSeconds)
                    / (seconds * Runtime.getRuntime().availableProcessors());
        }

        /** Busy CPU of the whole machine, as a share of all cores over the window. */
        double machineCpuShare() {
            return machineCpuSeconds / (seconds * Runtime.getRuntime().availableProcessors());
        }
    }

    private Result measure(String name, Payment payment) throws Exception {
        waitForQuiet();
        log("%s: %d s warm-up, %d s measured, %d threads ...", name, warmupSeconds, durationSeconds, threads);
        long warmupEnd = System.nanoTime() + warmupSeconds * 1_000_000_000L;
        long measureEnd = warmupEnd + durationSeconds * 1_000_000_000L;
        Map<String, Long> errors = new ConcurrentHashMap<>();
        LongAdder failures = new LongAdder();
        List<long[]> latencies = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        long[][] perThread = new long[threads][];
        int[] counts = new int[threads];
        for (int i = 0; i < threads; i++) {
            int me = i;
            perThread[me] = new long[1 << 16];
            workers.add(Thread.ofPlatform().name("bench-worker-" + i).unstarted(() -> {
                while (true) {
                    long start = System.nanoTime();
                    if (start >= measureEnd) {
                        return;
                    }
                    boolean ok;
                    try {
                        ok = payment.run();
                    } catch (Exception e) {
                        ok = false;
                        errors.merge(e.getClass().getSimpleName() + ": " + firstLine(e.getMessage()), 1L, Long::sum);
                    }
                    long end = System.nanoTime();
                    // a payment counts in the window it completes in
                    if (end >= warmupEnd && end < measureEnd) {
                        if (ok) {
                            if (counts[me] == perThread[me].length) {
                                perThread[me] = Arrays.copyOf(perThread[me], counts[me] * 2);
                            }
                            perThread[me][counts[me]++] = end - start;
                        } else {
                            failures.increment();
                        }
                    }
                }
            }));
        }
        workers.forEach(Thread::start);
        // CPU counters over the measured window
        Thread.sleep(Math.max(0, (warmupEnd - System.nanoTime()) / 1_000_000));
        long dbTx0 = committedTransactions();
        double[] wal0 = walWritten();
        resetStatementStats();
        WaitSampler waits = new WaitSampler(measureEnd);
        waits.start();
        // --jfr=DIR: a JDK Flight Recording of each measured window, for profiling
        jdk.jfr.Recording recording = null;
        if (options.containsKey("jfr")) {
            recording = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
            // CPU-time sampling (JDK 25, Linux): samples threads by the CPU they use, in native code
            // and system calls too, which the profile's wall-clock execution samples miss
            recording.enable("jdk.CPUTimeSample").with("throttle", "2ms");
            recording.start();
        }
        long jit0 = jitMillis();
        long rerun0 = tradeService.batchesRunAgain();
        double jvmCpu0 = CpuTime.jvm();
        double pgCpu0 = CpuTime.postgres(dataDir);
        double machineCpu0 = CpuTime.machineBusy();
        Thread.sleep(Math.max(0, (measureEnd - System.nanoTime()) / 1_000_000));
        if (recording != null) {
            Path jfr = Path.of(options.get("jfr"), name.replaceAll("[^a-z]+", "-") + ".jfr");
            Files.createDirectories(jfr.getParent());
            recording.stop();
            recording.dump(jfr);
            recording.close();
            log("flight recording: %s", jfr.toAbsolutePath());
        }
        long jit1 = jitMillis();
        long rerun1 = tradeService.batchesRunAgain();
        double jvmCpu1 = CpuTime.jvm();
        double pgCpu1 = CpuTime.postgres(dataDir);
        double machineCpu1 = CpuTime.machineBusy();
        List<StatementStat> statements = statementStats();
        long dbTx1 = committedTransactions();
        double[] wal1 = walWritten();
        for (Thread worker : workers) {
            worker.join();
        }
        waits.join();
        long total = 0;
        for (int i = 0; i < threads; i++) {
            total += counts[i];
            latencies.add(Arrays.copyOf(perThread[i], counts[i]));
        }
        long[] all = new long[(int) total];
        int at = 0;
        for (long[] part : latencies) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        Arrays.sort(all);
        Result result = new Result(
                name,
                total,
                failures.sum(),
                errors,
                durationSeconds,
                all,
                jvmCpu1 - jvmCpu0,
                pgCpu1 - pgCpu0,
                machineCpu1 - machineCpu0,
                total == 0 ? Double.NaN : (double) (dbTx1 - dbTx0) / total,
                statements,
                waits.shares(),
                jit1 - jit0);
        if (total > 0) {
            log(
                    "%s: WAL per payment %.0f bytes, %.2f full-page images",
                    name, (wal1[0] - wal0[0]) / total, (wal1[1] - wal0[1]) / total);
        }
        // a batch that fails as a whole runs again operation by operation: correct, but slower
        log("%s: trade batches run again one by one: %d", name, rerun1 - rerun0);
        log(
                "%s: %.0f payments/s, p50 %.1f ms, p99 %.1f ms, failures %d %s",
                name,
                result.perSecond(),
                result.percentileMs(50),
                result.percentileMs(99),
                result.failures(),
                errors.isEmpty() ? "" : errors);
        return result;
    }

    /**
     * Samples what the benchmark's PostgreSQL backends are doing every 20 ms: running, waiting for a
     * lock, for the WAL flush, or for the client (idle / idle in transaction).
     */
    private final class WaitSampler extends Thread {

        private final long until;
        private final Map<String, Long> counts = new LinkedHashMap<>();
        private long samples;

        WaitSampler(long until) {
            super("bench-wait-sampler");
            this.until = until;
            setDaemon(true);
        }

        @Override
        public void run() {
            try (Connection c = dataSource.getConnection();
                    PreparedStatement ps = c.prepareStatement("""
                            select case
                                     when state = 'active' and wait_event is null then 'running (CPU)'
                                     when state = 'active' then 'waiting: ' || wait_event_type || ':' || wait_event
                                     when state = 'idle in transaction' then 'idle in transaction (app/client working)'
                                     when state = 'idle' then 'idle (between transactions)'
                                     else coalesce(state, '?') end, count(*)
                            from pg_stat_activity
                            where datname = current_database() and backend_type = 'client backend'
                              and pid <> pg_backend_pid()
                            group by 1""")) {
                while (System.nanoTime() < until) {
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            counts.merge(rs.getString(1), rs.getLong(2), Long::sum);
                        }
                    }
                    samples++;
                    Thread.sleep(20);
                }
            } catch (SQLException | InterruptedException e) {
                log("wait sampler stopped: %s", e.getMessage());
            }
        }

        /** Average number of backends in each state. */
        Map<String, Double> shares() {
            Map<String, Double> shares = new LinkedHashMap<>();
            counts.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .forEach(e -> shares.put(e.getKey(), e.getValue() / (double) Math.max(1, samples)));
            return shares;
        }
    }

    /** One normalized statement of pg_stat_statements over a measured window. */
    record StatementStat(long calls, double totalMs, long rows, long plans, double planMs, String query) {}

    private void resetStatementStats() {
        if (!statementStatsOn) {
            return;
        }
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute("select pg_stat_statements_reset()");
        } catch (SQLException e) {
            log("pg_stat_statements_reset failed: %s", e.getMessage());
        }
    }

    private List<StatementStat> statementStats() {
        List<StatementStat> stats = new ArrayList<>();
        if (!statementStatsOn) {
            return stats;
        }
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("""
                        select sum(calls), sum(total_exec_time), sum(rows), count(*), sum(plans), sum(total_plan_time),
                            left(regexp_replace(query, '\s+', ' ', 'g'), 100) as head
                        from pg_stat_statements
                        where dbid = (select oid from pg_database where datname = current_database())
                          and query not like '%pg_stat_%'
                          and calls > 0
                        group by head
                        order by sum(total_exec_time) desc""")) {
            // Multi-row statements have one entry per row count: their variants are summed under
            // the statement's first 100 characters.
            while (rs.next()) {
                long variants = rs.getLong(4);
                stats.add(new StatementStat(
                        rs.getLong(1),
                        rs.getDouble(2),
                        rs.getLong(3),
                        rs.getLong(5),
                        rs.getDouble(6),
                        (variants > 1 ? "[" + variants + " variants] " : "") + rs.getString(7)));
            }
        } catch (SQLException e) {
            log("pg_stat_statements read failed: %s", e.getMessage());
        }
        return stats;
    }

    /**
     * --wait-quiet=SECONDS: waits, up to that long, until other processes use less than 10% of the
     * machine (a build or test run beside the benchmark takes CPU from it).
     */
    private void waitForQuiet() throws InterruptedException {
        int maxSeconds = intOption("wait-quiet", 0);
        long deadline = System.nanoTime() + maxSeconds * 1_000_000_000L;
        int cores = Runtime.getRuntime().availableProcessors();
        while (System.nanoTime() < deadline) {
            double machine0 = CpuTime.machineBusy();
            double own0 = CpuTime.jvm() + CpuTime.postgres(dataDir);
            Thread.sleep(1000);
            double other = (CpuTime.machineBusy() - machine0) - (CpuTime.jvm() + CpuTime.postgres(dataDir) - own0);
            if (other / cores < 0.10) {
                return;
            }
            log("machine busy with other processes (%.0f%% of it), waiting ...", 100 * other / cores);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        String line = nl < 0 ? message : message.substring(0, nl);
        return line.length() > 120 ? line.substring(0, 120) + "..." : line;
    }

    private void analyze() {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute("vacuum analyze");
        } catch (SQLException e) {
            log("analyze failed: %s", e.getMessage());
        }
    }

    /** WAL bytes and full-page images written by the server so far (pg_stat_wal). */
    private double[] walWritten() {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute("select pg_stat_clear_snapshot()");
            try (ResultSet rs = s.executeQuery("select wal_bytes, wal_fpi from pg_stat_wal")) {
                rs.next();
                return new double[] {rs.getDouble(1), rs.getDouble(2)};
            }
        } catch (SQLException e) {
            return new double[] {0, 0};
        }
    }

    /** Committed write and read transactions of this database so far (pg_stat_database). */
    private long committedTransactions() {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute("select pg_stat_clear_snapshot()");
            try (ResultSet rs =
                    s.executeQuery("select xact_commit from pg_stat_database where datname = current_database()")) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            return 0;
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Invariants

    record Invariants(Map<String, Boolean> checks, Map<String, String> details) {

        boolean allHold() {
            return checks.values().stream().allMatch(Boolean::booleanValue);
        }
    }

    private Invariants checkInvariants() throws SQLException {
        log("checking the ledger invariants ...");
        Map<String, Boolean> checks = new LinkedHashMap<>();
        Map<String, String> details = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            // Before the final roll-up: balance + pending = sum of postings, with pending in flight.
            long pendingRows = single(s, "select count(*) from pending_posting");
            long mismatchWithPending = single(s, """
                    select count(*) from ledger_account a
                    where a.balance + coalesce((select sum(amount) from pending_posting p where p.account_id = a.id), 0)
                       <> coalesce((select sum(amount) from posting p where p.account_id = a.id), 0)""");
            checks.put(
                    "balance + pending = sum(postings) for every account (before roll-up)", mismatchWithPending == 0);
            details.put(
                    "balance + pending = sum(postings) for every account (before roll-up)",
                    mismatchWithPending + " accounts differ; " + pendingRows + " pending rows");

            long negativeWithPending = single(s, """
                    select count(*) from ledger_account a
                    where a.customer and (a.balance < 0 or a.balance
                        + coalesce((select sum(amount) from pending_posting p where p.account_id = a.id), 0) < 0)""");
            checks.put("no customer account below zero", negativeWithPending == 0);
            details.put("no customer account below zero", negativeWithPending + " negative");

            int rounds = 0;
            while (ledgerService.rollUp(100_000) > 0 && rounds++ < 100) {
                // fold everything
            }
            long stillPending = single(s, "select count(*) from pending_posting");
            long mismatchAfter = single(s, """
                    select count(*) from ledger_account a
                    where a.balance <> coalesce((select sum(amount) from posting p where p.account_id = a.id), 0)""");
            checks.put(
                    "after roll-up: pending empty and balance = sum(postings)",
                    stillPending == 0 && mismatchAfter == 0);
            details.put(
                    "after roll-up: pending empty and balance = sum(postings)",
                    stillPending + " pending rows, " + mismatchAfter + " accounts differ");

            long unbalanced = single(
                    s,
                    "select count(*) from (select entry_id from posting group by entry_id having sum(amount) <> 0) x");
            long empty = single(s, """
                    select count(*) from journal_entry e
                    where (select count(*) from posting p where p.entry_id = e.id) < 2""");
            long entries = single(s, "select count(*) from journal_entry");
            checks.put("every journal entry sums to zero", unbalanced == 0 && empty == 0);
            details.put(
                    "every journal entry sums to zero",
                    entries + " entries; " + unbalanced + " unbalanced, " + empty + " with fewer than 2 postings");

            long total = single(s, "select coalesce(sum(balance), 0) from ledger_account");
            checks.put("all balances sum to zero", total == 0);
            details.put("all balances sum to zero", "sum = " + total);

            long paidTrades = single(s, "select count(*) from trade where paid_at is not null");
            long paymentEntries = single(s, "select count(*) from journal_entry where entry_type = 'PAYMENT'");
            long seen = paidBySafePay.sum();
            checks.put(
                    "paid trades = PAYMENT entries = payments the benchmark saw succeed",
                    paidTrades == paymentEntries && paymentEntries == seen);
            details.put(
                    "paid trades = PAYMENT entries = payments the benchmark saw succeed",
                    paidTrades + " = " + paymentEntries + " = " + seen);

            long unpaid = single(s, "select count(*) from trade where paid_at is null");
            details.put("(info) trades created but not paid", String.valueOf(unpaid));
            // The floor workload's trades (trade no 'F…') go without notification, by design.
            long notifications = single(s, "select count(*) from notification where event_kind = 'TRADE_PAID'");
            long paidBySafePayTrades =
                    single(s, "select count(*) from trade where paid_at is not null and trade_no not like 'F%'");
            checks.put("one notification in the outbox per trade SafePay paid", notifications == paidBySafePayTrades);
            details.put(
                    "one notification in the outbox per trade SafePay paid",
                    notifications + " = " + paidBySafePayTrades);
            // PostgreSQL has no foreign keys on these tables (V6_2): check that nothing points nowhere.
            long orphans = single(s, Orphans.COUNT_SQL);
            checks.put("every posting, pending posting, trade and notification has its parent", orphans == 0);
            details.put("every posting, pending posting, trade and notification has its parent", orphans + " orphans");
            details.put(
                    "(info) merchant notifications received by the local notify_url",
                    notificationsReceived.sum()
                            + (options.containsKey("deliver")
                                    ? " (--deliver: the dispatcher sent them during the run)"
                                    : " (dispatcher off: delivery is NotificationBenchmark's)"));

            long baselineTotal = single(s, "select sum(balance) from bench_account");
            long baselinePostings = single(s, "select coalesce(sum(amount), 0) from bench_posting");
            long baselineMismatch = single(s, """
                    select count(*) from bench_account a
                    where a.balance <> case when a.id < 1000000 then %d else 0 end
                        + coalesce((select sum(amount) from bench_posting p where p.account_id = a.id), 0)""".formatted(BASELINE_BALANCE));
            boolean baselineOk =
                    baselineTotal == BASELINE_BALANCE * buyerCount && baselinePostings == 0 && baselineMismatch == 0;
            checks.put("baseline: money conserved, balances = opening + postings", baselineOk);
            details.put(
                    "baseline: money conserved, balances = opening + postings",
                    "postings sum " + baselinePostings + ", " + baselineMismatch + " accounts differ");
        }
        return new Invariants(checks, details);
    }

    private void explain() throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            for (String mode : List.of("force_custom_plan", "force_generic_plan")) {
                s.execute("set plan_cache_mode = " + mode);
                s.execute("deallocate all");
                s.execute(
                        "prepare p1(bigint, varchar) as select * from trade where merchant_id = $1 and out_trade_no = $2");
                for (String sql : List.of(
                        "explain (analyze, buffers) execute p1(" + merchantIds[0] + ", 'BENCH-nope')",
                        "explain (analyze, buffers) execute p1(" + merchantIds[1] + ", 'BENCH-nope')")) {
                    System.out.println("-- " + mode + ": " + sql);
                    try (ResultSet rs = s.executeQuery(sql)) {
                        while (rs.next()) {
                            System.out.println("   " + rs.getString(1));
                        }
                    }
                }
            }
            try (ResultSet rs = s.executeQuery(
                    "select relname, n_live_tup, n_dead_tup, last_autoanalyze, last_autovacuum from pg_stat_user_tables order by n_live_tup desc limit 8")) {
                while (rs.next()) {
                    System.out.println("   " + rs.getString(1) + " live=" + rs.getLong(2) + " dead=" + rs.getLong(3)
                            + " analyze=" + rs.getString(4) + " vacuum=" + rs.getString(5));
                }
            }
        }
    }

    private static long single(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // fsync

    record FsyncStats(int samples, double meanMs, double p50Ms, double p99Ms, double maxMs, String fileSystem) {

        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "4 KiB write + fsync x%d on %s: mean %.3f ms, p50 %.3f ms, p99 %.3f ms, max %.3f ms",
                    samples,
                    fileSystem,
                    meanMs,
                    p50Ms,
                    p99Ms,
                    maxMs);
        }
    }

    /** {@code samples} times: overwrite 4 KiB of a file in {@code dir} and force it to disk. */
    static FsyncStats measureFsync(Path dir, int samples) throws IOException {
        Path file = Files.createTempFile(dir, "fsync-probe", ".bin");
        long[] nanos = new long[samples];
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ByteBuffer block = ByteBuffer.allocateDirect(4096);
            for (int i = 0; i < samples + 20; i++) {
                block.clear();
                block.putLong(0, System.nanoTime());
                long t = System.nanoTime();
                channel.write(block, (i % 16) * 4096L);
                channel.force(true);
                if (i >= 20) {
                    nanos[i - 20] = System.nanoTime() - t;
                }
            }
        } finally {
            Files.deleteIfExists(file);
        }
        Arrays.sort(nanos);
        String fs;
        try {
            var store = Files.getFileStore(dir);
            fs = store.name() + " (" + store.type() + ")";
        } catch (IOException e) {
            fs = dir.toString();
        }
        return new FsyncStats(
                samples,
                Arrays.stream(nanos).average().orElse(0) / 1e6,
                nanos[samples / 2] / 1e6,
                nanos[(int) Math.ceil(samples * 0.99) - 1] / 1e6,
                nanos[samples - 1] / 1e6,
                fs);
    }

    // ---------------------------------------------------------------------------------------------
    // Report

    private boolean report(
            String runDate,
            FsyncStats fsync,
            String pgSettings,
            Result baseline,
            Result uniform,
            Result hot,
            Result floor,
            Invariants invariants,
            long seconds) {
        List<Result> all = floor == null ? List.of(baseline, uniform, hot) : List.of(baseline, uniform, hot, floor);
        StringBuilder out = new StringBuilder();
        out.append("\n=== SafePay payment benchmark — ").append(runDate).append(" ===\n");
        out.append(f(
                "machine: %d cores (%s), %s, Java %s (%s), heap max %d MiB%n",
                Runtime.getRuntime().availableProcessors(),
                cpuModel(),
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                System.getProperty("java.version"),
                System.getProperty("java.vm.name"),
                Runtime.getRuntime().maxMemory() >> 20));
        out.append("PostgreSQL (embedded, same machine): ").append(pgSettings).append('\n');
        out.append("disk fsync: ").append(fsync).append('\n');
        out.append(f(
                "load: %d worker threads, %d s warm-up + %d s measured per workload, %d merchants, %d buyers%n%n",
                threads, warmupSeconds, durationSeconds, merchantCount, buyerCount));

        out.append(f(
                "| %-28s | %10s | %8s | %8s | %8s | %8s | %8s | %8s | %10s | %10s | %7s | %7s | %5s |%n",
                "workload",
                "payments/s",
                "mean ms",
                "p50 ms",
                "p95 ms",
                "p99 ms",
                "max ms",
                "failures",
                "JVM cpu ms",
                "PG cpu ms",
                "tx/pay",
                "sql/pay",
                "other"));
        out.append(f(
                "|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%n",
                "-".repeat(30),
                "-".repeat(12),
                "-".repeat(10),
                "-".repeat(10),
                "-".repeat(10),
                "-".repeat(10),
                "-".repeat(10),
                "-".repeat(10),
                "-".repeat(12),
                "-".repeat(12),
                "-".repeat(9),
                "-".repeat(9),
                "-".repeat(7)));
        for (Result r : all) {
            out.append(f(
                    "| %-28s | %10.0f | %8.2f | %8.2f | %8.2f | %8.2f | %8.2f | %8d | %10.3f | %10.3f | %7.2f | %7.1f | %4.0f%% |%n",
                    r.name(),
                    r.perSecond(),
                    r.meanMs(),
                    r.percentileMs(50),
                    r.percentileMs(95),
                    r.percentileMs(99),
                    r.percentileMs(100),
                    r.failures(),
                    r.jvmCpuMsPerPayment(),
                    r.pgCpuMsPerPayment(),
                    r.transactionsPerPayment(),
                    r.statementsPerPayment(),
                    100 * r.otherCpuShare()));
        }
        out.append("(JVM cpu ms = CPU of this JVM (client threads + SafePay) per payment; PG cpu ms = CPU of the"
                + " PostgreSQL processes per payment; tx/pay = committed PostgreSQL transactions per payment;"
                + " sql/pay = statements per payment; other = CPU share taken by other processes on the machine)\n");
        out.append(f(
                "CPU per payment (JVM + PostgreSQL) and the rate it allows on %d otherwise idle cores:",
                Runtime.getRuntime().availableProcessors()));
        for (Result r : all) {
            out.append(f(
                    " %s %.3f ms = %.0f/s;",
                    r.name(), r.jvmCpuMsPerPayment() + r.pgCpuMsPerPayment(), r.cpuBoundPerSecond()));
        }
        out.append('\n');
        out.append("JIT compilation during the measured windows (should be near 0):");
        for (Result r : all) {
            out.append(f(" %s %d ms;", r.name(), r.jitMillis()));
        }
        out.append('\n');
        for (Result r : all) {
            if (r.otherCpuShare() > 0.05) {
                out.append(f(
                        "WARNING: other processes used %.0f%% of the machine during %s: its figures are"
                                + " low; rerun on a quiet machine.%n",
                        100 * r.otherCpuShare(), r.name()));
            }
        }
        out.append(
                f("%nPostgreSQL backends by state (average number of the pool's connections, sampled every 20 ms):%n"));
        for (Result r : all) {
            out.append("  ").append(r.name()).append(": ");
            out.append(r.waits().entrySet().stream()
                    .map(e -> f("%s %.1f", e.getKey(), e.getValue()))
                    .collect(Collectors.joining(", ")));
            out.append('\n');
        }
        if (statementStatsOn) {
            for (Result r : all) {
                out.append(f(
                        "%nstatements per payment in %s: %.1f (pg_stat_statements, BEGIN/COMMIT included;"
                                + " per payment: calls, server ms; by server time)%n",
                        r.name(), r.statementsPerPayment()));
                // with --pg-conf=pg_stat_statements.track_planning=on also: plans per call, planning ms
                // per payment
                boolean planning = r.statements().stream().anyMatch(st -> st.plans() > 0);
                r.statements().stream()
                        .limit(topStatements)
                        .forEach(st -> out.append(f(
                                "  %6.2f  %6.3f  %s%s%n",
                                st.calls() / (double) r.payments(),
                                st.totalMs() / r.payments(),
                                planning
                                        ? f(
                                                "%5.2f  %6.3f  ",
                                                st.plans() / (double) Math.max(1, st.calls()),
                                                st.planMs() / r.payments())
                                        : "",
                                st.query().length() > 150 ? st.query().substring(0, 150) + "..." : st.query())));
            }
        }
        for (Result r : all) {
            if (!r.errors().isEmpty()) {
                out.append("errors in ")
                        .append(r.name())
                        .append(": ")
                        .append(r.errors())
                        .append('\n');
            }
        }

        double uniformVsBaseline = uniform.perSecond() / baseline.perSecond();
        double hotVsUniform = hot.perSecond() / uniform.perSecond();
        List<String[]> targets = new ArrayList<>();
        targets.add(target(
                "uniform payments/s >= 3,000",
                f("%.0f", uniform.perSecond()),
                uniform.perSecond() >= TARGET_UNIFORM_PER_S));
        targets.add(target(
                "uniform / baseline >= 0.6",
                f("%.2f", uniformVsBaseline),
                uniformVsBaseline >= TARGET_UNIFORM_VS_BASELINE));
        targets.add(target("hot / uniform >= 0.8", f("%.2f", hotVsUniform), hotVsUniform >= TARGET_HOT_VS_UNIFORM));
        targets.add(target(
                "hot merchant p99 <= 50 ms",
                f("%.1f ms", hot.percentileMs(99)),
                hot.percentileMs(99) <= TARGET_HOT_P99_MS));
        boolean allMet = targets.stream().allMatch(t -> t[2].equals("PASS"));

        out.append(f("%n| %-30s | %10s | %6s |%n", "target", "measured", "result"));
        out.append(f("|%s|%s|%s|%n", "-".repeat(32), "-".repeat(12), "-".repeat(8)));
        for (String[] t : targets) {
            out.append(f("| %-30s | %10s | %6s |%n", t[0], t[1], t[2]));
        }
        out.append(f(
                "(by CPU per payment, independent of other load: uniform/baseline %.2f, hot/uniform %.2f)%n",
                uniform.cpuBoundPerSecond() / baseline.cpuBoundPerSecond(),
                hot.cpuBoundPerSecond() / uniform.cpuBoundPerSecond()));
        if (floor != null) {
            out.append(f(
                    "(floor, the fewest statements SafePay's tables allow: %.0f/s = %.2f x baseline; by CPU %.2f x"
                            + " baseline)%n",
                    floor.perSecond(),
                    floor.perSecond() / baseline.perSecond(),
                    floor.cpuBoundPerSecond() / baseline.cpuBoundPerSecond()));
        }
        out.append(f(
                "%nfsync beside the figures: mean %.3f ms, p99 %.3f ms — a commit needs at least one WAL"
                        + " flush, so one connection alone could commit at most ~%.0f tx/s; %d connections share"
                        + " flushes (group commit).%n",
                fsync.meanMs(), fsync.p99Ms(), 1000 / fsync.meanMs(), threads));

        out.append("\nledger invariants after the run:\n");
        invariants
                .checks()
                .forEach((name, ok) -> out.append(f(
                        "  [%s] %s — %s%n",
                        ok ? "OK" : "VIOLATED", name, invariants.details().get(name))));
        invariants.details().entrySet().stream()
                .filter(e -> !invariants.checks().containsKey(e.getKey()))
                .forEach(e -> out.append(f("  %s: %s%n", e.getKey(), e.getValue())));
        out.append(f(
                "%ntargets: %s; invariants: %s; run took %d s%n",
                allMet ? "ALL PASS" : "SOME FAIL", invariants.allHold() ? "ALL HOLD" : "VIOLATED", seconds));
        System.out.println(out);
        return allMet;
    }

    private static String[] target(String name, String measured, boolean pass) {
        return new String[] {name, measured, pass ? "PASS" : "FAIL"};
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .distinct()
                    .collect(Collectors.joining(", "));
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    private int intOption(String name, int fallback) {
        return Integer.parseInt(options.getOrDefault(name, String.valueOf(fallback)));
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    private static void log(String format, Object... args) {
        System.out.println("[bench] " + String.format(Locale.ROOT, format, args));
    }
}
