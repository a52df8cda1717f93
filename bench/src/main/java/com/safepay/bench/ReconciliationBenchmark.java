package com.safepay.bench;

import com.opencsv.CSVWriterBuilder;
import com.opencsv.ICSVWriter;
import com.safepay.SafePayApplication;
import com.safepay.merchant.MerchantNo;
import com.safepay.merchant.MerchantService;
import com.safepay.reconciliation.ReconciliationService;
import com.safepay.reconciliation.SortOrder;
import com.safepay.reconciliation.StatusTab;
import com.safepay.reconciliation.Totals;
import com.safepay.reconciliation.TradeRow;
import com.safepay.reconciliation.TradeSearch;
import com.safepay.shared.CurrentUser.SignedInUser;
import com.safepay.shared.Role;
import com.safepay.shared.export.ExportFormat;
import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
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
 * The reconciliation benchmark (docs/performance.md, "Reconciliation"). Starts an embedded
 * PostgreSQL, starts SafePay against it, generates 5,000,000 trades over 200 days with bulk SQL
 * (straight into {@code trade}, which 交易明细 reads through the view {@code recon_trade}; the daily
 * sums built from it),
 * 1,000,000 of them for one merchant inside one 180-day window and 1,100,000 for a second one, and
 * measures through {@link ReconciliationService}, each against the same SQL run bare over JDBC in
 * the same run:
 *
 * <ol>
 *   <li>pages (first, middle, last, random) of the 1M-row window, and a trade no look-up;
 *   <li>exact totals of every tab over the 1M-row window, beside a naive count(*)/sum over the rows;
 *   <li>exports of the 1M-row window as TXT and XLSX, beside a bare JDBC → OpenCSV loop; the
 *       1.1M-row merchant's XLSX must span two sheets.
 * </ol>
 *
 * <p>Run it as {@code mvn -Pbench -DskipTests verify -Dbench.main=com.safepay.bench.ReconciliationBenchmark
 * -Dbench.jvmArgs=-Xmx256m}: the whole benchmark JVM, and so every export, runs in 256 MB of heap.
 * Options ({@code --name=value}): trades (5000000), big (1000000), second (1100000), iterations (500
 * per latency figure), data-dir (bench/target/pgdata-recon), strict (false: exit 3 on a missed target).
 */
public final class ReconciliationBenchmark {

    static final double TARGET_PAGE_P95_MS = 10;
    static final double TARGET_LOOKUP_P95_MS = 2;
    static final double TARGET_TOTALS_P95_MS = 20;
    static final double TARGET_TXT_S = 5;
    static final double TARGET_XLSX_S = 20;
    static final double TARGET_TXT_VS_BARE = 0.7;

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");
    private static final String ROW_COLUMNS =
            "trade_id, trade_no, out_trade_no, created_at, trade_type, status, subject,"
                    + " counterparty, amount, refund_total, fee, net";

    private final Map<String, String> options;
    private final long tradeCount;
    private final long bigCount;
    private final long secondCount;
    private final int iterations;
    private final Path dataDir;
    private final Path outDir;
    private final boolean reuse;
    private final List<String> report = new ArrayList<>();
    private boolean targetsMet = true;

    private DataSource dataSource;
    private ReconciliationService reconciliation;
    private long bigMerchant;
    private long secondMerchant;
    private Instant windowFrom;
    private Instant windowTo;

    private ReconciliationBenchmark(Map<String, String> options) {
        this.options = options;
        this.tradeCount = Long.parseLong(options.getOrDefault("trades", "5000000"));
        this.bigCount = Long.parseLong(options.getOrDefault("big", "1000000"));
        this.secondCount = Long.parseLong(options.getOrDefault("second", "1100000"));
        this.iterations = Integer.parseInt(options.getOrDefault("iterations", "500"));
        this.dataDir = Path.of(options.getOrDefault("data-dir", "bench/target/pgdata-recon"))
                .toAbsolutePath();
        this.outDir = dataDir.getParent().resolve("recon-exports");
        this.reuse = Boolean.parseBoolean(options.getOrDefault("reuse", "false"));
    }

    public static void main(String[] args) throws Exception {
        if (LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(ch.qos.logback.classic.Level.WARN);
        }
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            if (arg.isBlank()) {
                continue;
            }
            int eq = arg.indexOf('=');
            options.put(eq < 0 ? arg.substring(2) : arg.substring(2, eq), eq < 0 ? "true" : arg.substring(eq + 1));
        }
        System.exit(new ReconciliationBenchmark(options).run());
    }

    private int run() throws Exception {
        long started = System.nanoTime();
        log(
                "SafePay reconciliation benchmark, %s UTC",
                LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS));
        log(
                "machine: %d cores, %s, %s %s; JVM max heap %d MB",
                Runtime.getRuntime().availableProcessors(),
                cpuModel(),
                System.getProperty("java.vm.name"),
                System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() / (1024 * 1024));
        Files.createDirectories(dataDir);
        Files.createDirectories(outDir);
        try (var postgres = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(!reuse)
                .setServerConfig("shared_buffers", "1GB")
                .setServerConfig("work_mem", "64MB")
                .setServerConfig("maintenance_work_mem", "512MB")
                .setServerConfig("max_wal_size", "8GB")
                .setServerConfig("max_connections", "50")
                .start()) {
            try (Connection c = postgres.getPostgresDatabase().getConnection();
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("select count(*) from pg_database where datname = 'safepay_recon'")) {
                rs.next();
                if (rs.getLong(1) == 0) {
                    s.execute("create database safepay_recon");
                }
            }
            String url = postgres.getJdbcUrl("postgres", "safepay_recon");
            try (ConfigurableApplicationContext context = startSafePay(url)) {
                dataSource = context.getBean(DataSource.class);
                reconciliation = context.getBean(ReconciliationService.class);
                if (!reuse || !reused()) {
                    generate(context.getBean(MerchantService.class));
                }
                try (Connection c = dataSource.getConnection();
                        Statement s = c.createStatement()) {
                    // the bulk load's dirty pages are written now, not during the measurements
                    s.execute("checkpoint");
                }
                signInAsFinance(bigMerchant);
                TradeSearch window = TradeSearch.between(windowFrom, windowTo);
                Totals all = reconciliation.totals(window).get(StatusTab.ALL);
                log("window %s ~ %s: %,d trades, amount %s", windowFrom, windowTo, all.count(), all.amountMoney());
                if (all.count() != bigCount) {
                    throw new IllegalStateException("window holds " + all.count() + " trades, not " + bigCount);
                }
                if (options.containsKey("explain")) {
                    explain();
                }
                waitForQuiet();
                warmUp(window, all.count());
                String loadBefore = loadAverage();
                pages(window, all.count());
                lookups(window);
                totals(window, all);
                exports(window, all);
                secondSheet();
                // other processes on the machine make every figure slower: the report says how busy it was
                report.add("load average (1, 5, 15 min) before the measurements: %s; after: %s; %d cores"
                        .formatted(
                                loadBefore, loadAverage(), Runtime.getRuntime().availableProcessors()));
            }
        }
        log("");
        log("==== results (%.0f s in all) ====", (System.nanoTime() - started) / 1e9);
        report.forEach(ReconciliationBenchmark::log);
        log("targets %s", targetsMet ? "all met" : "NOT all met");
        return !targetsMet && Boolean.parseBoolean(options.getOrDefault("strict", "false")) ? 3 : 0;
    }

    private ConfigurableApplicationContext startSafePay(String url) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", url);
        properties.put("spring.datasource.username", "postgres");
        properties.put("spring.datasource.password", "");
        properties.put("spring.datasource.hikari.maximum-pool-size", 6);
        properties.put("spring.main.banner-mode", "off");
        properties.put("safepay.demo.enabled", "false");
        // The generated history includes unpaid trades past their timeout: the payment jobs would close
        // them during the measurements (and race the bulk load). The benchmark measures reads of a still
        // history, so those jobs wait; the ledger roll-up, notification dispatcher and fold job run as usual.
        properties.put("safepay.payment.jobs-initial-delay", "1h");
        properties.put("safepay.payment.jobs-interval", "1h");
        properties.put("logging.level.root", "warn");
        properties.put("logging.level.com.safepay", "warn");
        return new SpringApplicationBuilder(SafePayApplication.class)
                .web(WebApplicationType.SERVLET)
                .contextFactory(type -> new GenericWebApplicationContext(new MockServletContext()))
                .run(properties.entrySet().stream()
                        .map(e -> "--" + e.getKey() + "=" + e.getValue())
                        .toArray(String[]::new));
    }

    // ---------------------------------------------------------------------------------------------
    // Data

    private void generate(MerchantService merchants) throws SQLException {
        long t = System.nanoTime();
        int others = 48;
        long[] ids = new long[others + 2];
        var admin = SecurityContextHolder.createEmptyContext();
        admin.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                "bench-admin", null, List.of(new SimpleGrantedAuthority(Role.ADMIN.authority()))));
        SecurityContextHolder.setContext(admin);
        for (int i = 0; i < ids.length; i++) {
            ids[i] = merchants
                    .register(
                            new MerchantNo("2088%012d".formatted(900_000_000_000L + i)),
                            "Bench merchant " + i,
                            "seller" + i + "@bench.test",
                            ZONE,
                            "bench")
                    .id();
        }
        SecurityContextHolder.clearContext();
        bigMerchant = ids[0];
        secondMerchant = ids[1];
        // 200 days ending today (UTC midnight); the two big merchants' trades fall in a 180-day window
        // that starts 10 days in, at 00:00 in the merchants' zone (the range a user picks).
        Instant end = Instant.now().truncatedTo(ChronoUnit.DAYS);
        Instant start = end.minus(Duration.ofDays(200));
        windowFrom =
                LocalDate.ofInstant(start, ZONE).plusDays(10).atStartOfDay(ZONE).toInstant();
        windowTo = windowFrom.plus(Duration.ofDays(180));
        StringBuilder otherIds = new StringBuilder("array[");
        for (int i = 2; i < ids.length; i++) {
            otherIds.append(i > 2 ? "," : "").append(ids[i]);
        }
        otherIds.append("]::bigint[]");
        long big = bigCount;
        long second = bigCount + secondCount;
        String generated =
                """
                with g as (
                    select n,
                        case when n <= %1$d then %2$d when n <= %3$d then %4$d else (%5$s)[1 + n %% %6$d] end as merchant_id,
                        case when n <= %1$d then ?::timestamptz + ((n - 1) * (15552000.0 / %1$d)) * interval '1 second'
                             when n <= %3$d then ?::timestamptz + ((n - %1$d - 1) * (15552000.0 / %7$d)) * interval '1 second'
                             else ?::timestamptz + ((n * 7919) %% 17280000) * interval '1 second' end as created_at,
                        100 + (n * 7919) %% 50000 as amount,
                        (n * 2654435761) %% 1000 as h
                    from generate_series(1::bigint, %8$d::bigint) n
                ), f as (
                    select g.*, (amount * 6000 + 500000) / 1000000 as fee,
                        case when h < 30 then 'WAIT_BUYER_PAY' when h < 100 then 'TRADE_CLOSED'
                             when h < 130 then 'WAIT_SELLER_SEND' when h < 160 then 'WAIT_BUYER_CONFIRM'
                             when h < 700 then 'TRADE_SUCCESS' else 'TRADE_FINISHED' end as status,
                        case when h between 100 and 159 or n %% 5 = 0 then 'ESCROW' else 'INSTANT' end as trade_type,
                        h >= 80 as paid,
                        case when h between 80 and 99 then 1 when h >= 160 and h %% 10 = 0 then 3 else 0 end as refund_part
                    from g
                )
                insert into trade (trade_no, merchant_id, out_trade_no, subject, total_amount, currency, trade_type, status,
                    notify_url, timeout_express, fee_rate_ppm, fee_amount, refund_total, fee_refunded, buyer_account,
                    risk_tier, created_at, expires_at, paid_at, closed_at, close_reason)
                select '2026' || lpad(n::text, 16, '0'), merchant_id, 'BENCH-' || n,
                    (array['拿铁 Latte', '美式咖啡 Americano', '手冲咖啡豆 250g', '冷萃咖啡礼盒', '马克杯 Mug', '=1+1 公式'])[1 + n %% 6],
                    amount, 'CNY', trade_type, status, 'https://shop.example/notify', '30m', 6000, fee,
                    case refund_part when 1 then amount when 3 then amount / 3 else 0 end,
                    case refund_part when 1 then fee when 3 then (fee * (amount / 3) + amount / 2) / amount else 0 end,
                    case when paid then '138****' || lpad((n %% 10000)::text, 4, '0') end,
                    case when paid then 'CONFIRM' end,
                    created_at, created_at + interval '30 minutes',
                    case when paid then created_at + interval '2 minutes' end,
                    case when status = 'TRADE_CLOSED' then created_at + interval '30 minutes' end,
                    case when status = 'TRADE_CLOSED' then case when paid then 'FULL_REFUND' else 'TIMEOUT' end end
                from f order by created_at
                """.formatted(big, bigMerchant, second, secondMerchant, otherIds, others, secondCount, tradeCount);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            // Secondary indexes are built after the load, as a bulk load would: the same definitions.
            List<String[]> indexes = new ArrayList<>();
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("select indexname, indexdef from pg_indexes where tablename in"
                            + " ('trade') and indexname not in (select conname from pg_constraint)")) {
                while (rs.next()) {
                    indexes.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
            try (Statement s = c.createStatement()) {
                for (String[] index : indexes) {
                    s.execute("drop index " + index[0]);
                }
            }
            try (PreparedStatement ps = c.prepareStatement(generated)) {
                ps.setTimestamp(1, Timestamp.from(windowFrom));
                ps.setTimestamp(2, Timestamp.from(windowFrom));
                ps.setTimestamp(3, Timestamp.from(start));
                log("trade: %,d rows in %.1f s", ps.executeUpdate(), (System.nanoTime() - t) / 1e9);
            }
            try (Statement s = c.createStatement()) {
                long t2 = System.nanoTime();
                for (String[] index : indexes) {
                    s.execute(index[1]);
                }
                log("%d secondary indexes of trade built in %.1f s", indexes.size(), (System.nanoTime() - t2) / 1e9);
                t2 = System.nanoTime();
                int rows = s.executeUpdate("""
                        insert into recon_daily (merchant_id, trade_day, status, trade_type, refunded, trade_count, amount,
                            refund_total, fee, net)
                        select merchant_id, cast(created_at at time zone 'UTC' as date), status, trade_type, refunded,
                            count(*), sum(amount), sum(refund_total), sum(fee), sum(net)
                        from recon_trade
                        group by merchant_id, cast(created_at at time zone 'UTC' as date), status, trade_type, refunded""");
                log("recon_daily: %,d rows in %.1f s", rows, (System.nanoTime() - t2) / 1e9);
                t2 = System.nanoTime();
                s.execute("vacuum analyze trade");
                s.execute("vacuum analyze recon_daily");
                log("vacuum analyze in %.1f s", (System.nanoTime() - t2) / 1e9);
                try (ResultSet rs = s.executeQuery("""
                        select pg_size_pretty(pg_total_relation_size('trade')), pg_size_pretty(pg_relation_size('ix_trade_window')),
                            pg_size_pretty(pg_total_relation_size('recon_daily')), current_setting('server_version')""")) {
                    rs.next();
                    log(
                            "sizes: trade %s (window index %s), recon_daily %s; PostgreSQL %s",
                            rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4));
                    report.add(
                            "data: %,d trades over 200 days (%,d and %,d for two merchants), generated in %.0f s; PostgreSQL %s"
                                    .formatted(
                                            tradeCount,
                                            bigCount,
                                            secondCount,
                                            (System.nanoTime() - t) / 1e9,
                                            rs.getString(4)));
                }
            }
        }
    }

    /** With --reuse: the data of an earlier run, if there is any. */
    private boolean reused() throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "select m.id, (select min(created_at) from recon_trade r where r.merchant_id = m.id)"
                                + " from merchant m where m.merchant_no in ('2088900000000000', '2088900000000001')"
                                + " order by m.merchant_no")) {
            if (!rs.next() || rs.getTimestamp(2) == null) {
                return false;
            }
            bigMerchant = rs.getLong(1);
            windowFrom = rs.getTimestamp(2).toInstant();
            windowTo = windowFrom.plus(Duration.ofDays(180));
            rs.next();
            secondMerchant = rs.getLong(1);
            log("reusing the data of an earlier run");
            report.add("data: reused from an earlier run");
            return true;
        }
    }

    private void signInAsFinance(long merchantId) {
        SignedInUser user = new SignedInUser(
                1, "bench-finance", Role.FINANCE, merchantId, ZONE, Locale.SIMPLIFIED_CHINESE, null, null);
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                user, null, List.of(new SimpleGrantedAuthority(Role.FINANCE.authority()))));
        SecurityContextHolder.setContext(context);
    }

    /** Waits (at most two minutes) until no autovacuum worker runs, so that it does not run during a measurement. */
    private void waitForQuiet() throws Exception {
        long t = System.nanoTime();
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            for (int i = 0; i < 120; i++) {
                try (ResultSet rs = s.executeQuery(
                        "select count(*) from pg_stat_activity where backend_type = 'autovacuum worker'")) {
                    rs.next();
                    if (rs.getLong(1) == 0) {
                        break;
                    }
                }
                Thread.sleep(1000);
            }
        }
        log("quiet after %.0f s", (System.nanoTime() - t) / 1e9);
    }

    /** Every operation for a while, unmeasured: compiled code and a warm cache before any figure is taken. */
    private void warmUp(TradeSearch window, long count) {
        long t = System.nanoTime();
        int lastPage = (int) ((count - 1) / 20);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (System.nanoTime() - t < Duration.ofSeconds(15).toNanos()) {
            SortOrder sort = random.nextBoolean() ? SortOrder.NEWEST_FIRST : SortOrder.OLDEST_FIRST;
            reconciliation.page(window, StatusTab.ALL, sort, random.nextInt(lastPage + 1), 20);
            reconciliation.page(window, StatusTab.SUCCESS, sort, random.nextInt(20_000), 20);
            reconciliation.totals(window);
        }
        log("warmed up for %.0f s", (System.nanoTime() - t) / 1e9);
    }

    /** Query plans of the service's statements, to see which index each uses. */
    private void explain() throws SQLException {
        String from = "'" + windowFrom + "'::timestamptz";
        String to = "'" + windowTo + "'::timestamptz";
        String headEnd = "'" + windowFrom.plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.DAYS) + "'::timestamptz";
        String tailStart = "'" + windowTo.truncatedTo(ChronoUnit.DAYS) + "'::timestamptz";
        String m = Long.toString(bigMerchant);
        List<String> statements = List.of(
                "select status, refunded, sum(trade_count) from recon_daily where merchant_id = " + m
                        + " and trade_day >= " + headEnd + "::date and trade_day < " + tailStart
                        + "::date group by 1, 2",
                "select status, refunded, count(*), sum(amount), sum(net) from recon_trade where merchant_id = " + m
                        + " and created_at >= " + tailStart + " and created_at < " + to + " group by 1, 2",
                "select " + ROW_COLUMNS + " from recon_trade where merchant_id = " + m + " and created_at >= " + from
                        + " and created_at < " + to
                        + " order by created_at desc, trade_id desc offset 0 rows fetch next 20 rows only",
                "select " + ROW_COLUMNS + " from recon_trade where merchant_id = " + m + " and created_at >= " + from
                        + " and created_at < " + headEnd
                        + " order by created_at desc, trade_id desc offset 3000 rows fetch next 20 rows only",
                "select " + ROW_COLUMNS + " from recon_trade where merchant_id = " + m + " and created_at >= " + from
                        + " and created_at < " + to + " and trade_no = '20260000000000000997'"
                        + " order by created_at desc, trade_id desc offset 0 rows fetch next 20 rows only");
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            // what a server-side prepared statement gets once PostgreSQL switches it to a generic plan
            s.execute("prepare daily(bigint, date, date) as select status, refunded, sum(trade_count) from recon_daily"
                    + " where merchant_id = $1 and trade_day >= $2 and trade_day < $3 group by 1, 2");
            s.execute(
                    "prepare edge(bigint, timestamptz, timestamptz) as select status, refunded, count(*), sum(amount)"
                            + " from recon_trade where merchant_id = $1 and created_at >= $2 and created_at < $3 group by 1, 2");
            s.execute("set plan_cache_mode = force_generic_plan");
            for (String sql : List.of(
                    "explain (analyze, buffers) execute daily(" + m + ", " + headEnd + "::date, " + tailStart
                            + "::date)",
                    "explain (analyze, buffers) execute edge(" + m + ", " + tailStart + ", " + to + ")")) {
                log("GENERIC %s", sql);
                try (ResultSet rs = s.executeQuery(sql)) {
                    while (rs.next()) {
                        log("    %s", rs.getString(1));
                    }
                }
            }
            s.execute("reset plan_cache_mode");
            s.execute("deallocate all");
            for (String sql : statements) {
                log("EXPLAIN %s", sql);
                try (ResultSet rs = s.executeQuery("explain (analyze, buffers) " + sql)) {
                    while (rs.next()) {
                        log("    %s", rs.getString(1));
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Pages, look-ups, totals

    private void pages(TradeSearch window, long count) throws SQLException {
        int size = 20;
        int lastPage = (int) ((count - 1) / size);
        Map<String, Integer> fixed = new LinkedHashMap<>();
        fixed.put("first", 0);
        fixed.put("middle", lastPage / 2);
        fixed.put("last", lastPage);
        try (Connection c = dataSource.getConnection()) {
            c.setReadOnly(true);
            for (Map.Entry<String, Integer> page : fixed.entrySet()) {
                int p = page.getValue();
                List<TradeRow> rows = reconciliation.page(window, StatusTab.ALL, SortOrder.NEWEST_FIRST, p, size);
                List<String> bare = barePage(c, p, size);
                if (!rows.stream().map(TradeRow::tradeNo).toList().equals(bare)) {
                    throw new IllegalStateException("page " + p + " differs from the bare SQL's");
                }
                Stats service = time(() -> reconciliation
                        .page(window, StatusTab.ALL, SortOrder.NEWEST_FIRST, p, size)
                        .size());
                Stats same = time(() -> barePage(c, p, size).size());
                Stats naive = time(Math.min(iterations, 50), () -> naivePage(c, (long) p * size, size));
                check("page %-6s (%,7d) service".formatted(page.getKey(), p), service, TARGET_PAGE_P95_MS);
                report.add("    same SQL bare: %s; ratio service/bare p95 %.2f; naive OFFSET scan: %s"
                        .formatted(same, service.p95() / same.p95(), naive));
            }
            Stats random = time(() -> reconciliation
                    .page(
                            window,
                            StatusTab.ALL,
                            SortOrder.NEWEST_FIRST,
                            ThreadLocalRandom.current().nextInt(lastPage + 1),
                            size)
                    .size());
            check("page random          service", random, TARGET_PAGE_P95_MS);
            Stats successTab = time(() -> reconciliation
                    .page(
                            window,
                            StatusTab.SUCCESS,
                            SortOrder.OLDEST_FIRST,
                            ThreadLocalRandom.current().nextInt(20_000),
                            size)
                    .size());
            check("page random, 交易成功, oldest first", successTab, TARGET_PAGE_P95_MS);
        }
    }

    /** The statements the service runs for a page, bare: day counts, edge counts, then the rows from the day. */
    private List<String> barePage(Connection c, int page, int size) throws SQLException {
        long offset = (long) page * size;
        if (offset < 2000) {
            return rows(c, windowFrom, windowTo, offset, size);
        }
        LocalDate firstDay =
                LocalDate.ofInstant(windowFrom.plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.DAYS), ZoneOffset.UTC);
        LocalDate endDay = LocalDate.ofInstant(windowTo, ZoneOffset.UTC);
        Map<LocalDate, Long> days = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                select trade_day, sum(c) from (
                    select trade_day, trade_count c from recon_daily where merchant_id = ? and trade_day >= ? and trade_day < ?
                    union all
                    select trade_day, trade_count c from recon_daily_delta where merchant_id = ? and trade_day >= ? and trade_day < ?
                ) x group by trade_day""")) {
            for (int i = 0; i < 2; i++) {
                ps.setLong(1 + 3 * i, bigMerchant);
                ps.setDate(2 + 3 * i, Date.valueOf(firstDay));
                ps.setDate(3 + 3 * i, Date.valueOf(endDay));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    days.put(rs.getDate(1).toLocalDate(), rs.getLong(2));
                }
            }
        }
        Instant tailStart = endDay.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant headEnd = firstDay.atStartOfDay(ZoneOffset.UTC).toInstant();
        List<Instant[]> pieces = new ArrayList<>();
        pieces.add(new Instant[] {tailStart, windowTo});
        for (LocalDate d = endDay.minusDays(1); !d.isBefore(firstDay); d = d.minusDays(1)) {
            pieces.add(new Instant[] {
                d.atStartOfDay(ZoneOffset.UTC).toInstant(),
                d.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()
            });
        }
        pieces.add(new Instant[] {windowFrom, headEnd});
        long skipped = 0;
        for (int i = 0; i < pieces.size(); i++) {
            Instant[] piece = pieces.get(i);
            boolean edge = i == 0 || i == pieces.size() - 1;
            long n = edge
                    ? countRows(c, piece[0], piece[1])
                    : days.getOrDefault(LocalDate.ofInstant(piece[0], ZoneOffset.UTC), 0L);
            if (offset < skipped + n) {
                return rows(c, windowFrom, piece[1], offset - skipped, size);
            }
            skipped += n;
        }
        return List.of();
    }

    private long countRows(Connection c, Instant from, Instant to) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select count(*) from recon_trade where merchant_id = ? and created_at >= ? and created_at < ?")) {
            ps.setLong(1, bigMerchant);
            ps.setTimestamp(2, Timestamp.from(from));
            ps.setTimestamp(3, Timestamp.from(to));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private List<String> rows(Connection c, Instant from, Instant to, long offset, int size) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + ROW_COLUMNS
                + " from recon_trade where merchant_id = ? and created_at >= ? and created_at < ?"
                + " order by created_at desc, trade_id desc offset ? rows fetch next ? rows only")) {
            ps.setLong(1, bigMerchant);
            ps.setTimestamp(2, Timestamp.from(from));
            ps.setTimestamp(3, Timestamp.from(to));
            ps.setLong(4, offset);
            ps.setInt(5, size);
            List<String> nos = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    nos.add(rs.getString(2));
                }
            }
            return nos;
        }
    }

    private long naivePage(Connection c, long offset, int size) throws SQLException {
        return rows(c, windowFrom, windowTo, offset, size).size();
    }

    private void lookups(TradeSearch window) throws SQLException {
        List<String> tradeNos = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select trade_no from recon_trade where merchant_id = " + bigMerchant
                        + " and trade_id % 997 = 0 limit 1000")) {
            while (rs.next()) {
                tradeNos.add(rs.getString(1));
            }
        }
        Stats page = time(() -> reconciliation
                .page(withNumber(window, pick(tradeNos)), StatusTab.ALL, SortOrder.NEWEST_FIRST, 0, 20)
                .size());
        Stats screen = time(() -> reconciliation
                .search(withNumber(window, pick(tradeNos)), StatusTab.ALL, SortOrder.NEWEST_FIRST, 0, 20)
                .rows()
                .size());
        try (Connection c = dataSource.getConnection()) {
            Stats bare = time(() -> {
                try (PreparedStatement ps = c.prepareStatement("select " + ROW_COLUMNS
                        + " from recon_trade where merchant_id = ? and created_at >= ? and created_at < ? and trade_no = ?"
                        + " order by created_at desc, trade_id desc offset 0 rows fetch next 20 rows only")) {
                    ps.setLong(1, bigMerchant);
                    ps.setTimestamp(2, Timestamp.from(windowFrom));
                    ps.setTimestamp(3, Timestamp.from(windowTo));
                    ps.setString(4, pick(tradeNos));
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() ? 1 : 0;
                    }
                }
            });
            check("trade no look-up: page", page, TARGET_LOOKUP_P95_MS);
            report.add("    same SQL bare: %s; ratio service/bare p95 %.2f".formatted(bare, page.p95() / bare.p95()));
            check("trade no look-up: page + totals (what the screen runs)", screen, TARGET_LOOKUP_P95_MS);
        }
    }

    private static String pick(List<String> values) {
        return values.get(ThreadLocalRandom.current().nextInt(values.size()));
    }

    private static TradeSearch withNumber(TradeSearch window, String tradeNo) {
        return new TradeSearch(TradeSearch.NumberKind.TRADE_NO, tradeNo, null, null, null, window.from(), window.to());
    }

    private void totals(TradeSearch window, Totals expected) throws SQLException {
        Stats service =
                time(() -> reconciliation.totals(window).get(StatusTab.ALL).count());
        try (Connection c = dataSource.getConnection()) {
            Instant headEnd = windowFrom.plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.DAYS);
            Instant tailStart = windowTo.truncatedTo(ChronoUnit.DAYS);
            String same = """
                    select status, refunded, sum(c), sum(a), sum(r), sum(f), sum(n) from (
                        select status, refunded, trade_count c, amount a, refund_total r, fee f, net n from recon_daily
                            where merchant_id = ? and trade_day >= ? and trade_day < ?
                        union all
                        select status, refunded, trade_count c, amount a, refund_total r, fee f, net n from recon_daily_delta
                            where merchant_id = ? and trade_day >= ? and trade_day < ?
                        union all
                        select status, refunded, count(*) c, sum(amount) a, sum(refund_total) r, sum(fee) f, sum(net) n
                            from recon_trade where merchant_id = ? and created_at >= ? and created_at < ?
                            group by status, refunded
                        union all
                        select status, refunded, count(*) c, sum(amount) a, sum(refund_total) r, sum(fee) f, sum(net) n
                            from recon_trade where merchant_id = ? and created_at >= ? and created_at < ?
                            group by status, refunded
                    ) x group by status, refunded""";
            Stats bare = time(() -> {
                try (PreparedStatement ps = c.prepareStatement(same)) {
                    for (int i = 0; i < 2; i++) {
                        ps.setLong(1 + 3 * i, bigMerchant);
                        ps.setDate(2 + 3 * i, Date.valueOf(LocalDate.ofInstant(headEnd, ZoneOffset.UTC)));
                        ps.setDate(3 + 3 * i, Date.valueOf(LocalDate.ofInstant(tailStart, ZoneOffset.UTC)));
                    }
                    ps.setLong(7, bigMerchant);
                    ps.setTimestamp(8, Timestamp.from(windowFrom));
                    ps.setTimestamp(9, Timestamp.from(headEnd));
                    ps.setLong(10, bigMerchant);
                    ps.setTimestamp(11, Timestamp.from(tailStart));
                    ps.setTimestamp(12, Timestamp.from(windowTo));
                    long count = 0;
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            count += rs.getLong(3);
                        }
                    }
                    return count;
                }
            });
            Stats naive = time(Math.min(iterations, 30), () -> {
                try (PreparedStatement ps = c.prepareStatement("""
                        select count(*), sum(amount), sum(refund_total), sum(fee), sum(net) from recon_trade
                        where merchant_id = ? and created_at >= ? and created_at < ?""")) {
                    ps.setLong(1, bigMerchant);
                    ps.setTimestamp(2, Timestamp.from(windowFrom));
                    ps.setTimestamp(3, Timestamp.from(windowTo));
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        Totals naiveTotals =
                                new Totals(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5));
                        if (!naiveTotals.equals(expected)) {
                            throw new IllegalStateException(
                                    "totals " + expected + " differ from the rows' " + naiveTotals);
                        }
                        return rs.getLong(1);
                    }
                }
            });
            check("totals of all 8 tabs over the 1M-row window", service, TARGET_TOTALS_P95_MS);
            report.add(
                    "    same SQL bare: %s; ratio service/bare p95 %.2f; naive count(*)/sum over the rows: %s (equal figures)"
                            .formatted(bare, service.p95() / bare.p95(), naive));
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Exports

    private void exports(TradeSearch window, Totals expected) throws Exception {
        Path bareFile = outDir.resolve("bare.txt");
        Path txt = outDir.resolve("export.txt");
        Path xlsx = outDir.resolve("export.xlsx");
        List<Double> bare = new ArrayList<>();
        List<Double> service = new ArrayList<>();
        for (int run = 0; run < 3; run++) {
            bare.add(seconds(() -> bareExport(bareFile)));
            service.add(seconds(() -> {
                Totals footer = export(window, ExportFormat.TXT, txt);
                if (!footer.equals(expected)) {
                    throw new IllegalStateException("TXT footer " + footer + " differs from the totals " + expected);
                }
                return footer.count();
            }));
        }
        double bareBest = bare.stream().min(Double::compare).orElseThrow();
        double txtBest = service.stream().min(Double::compare).orElseThrow();
        double rateRatio = bareBest / txtBest;
        boolean txtOk = txtBest <= TARGET_TXT_S && rateRatio >= TARGET_TXT_VS_BARE;
        targetsMet &= txtOk;
        report.add("%s export TXT 1M rows: best %.2f s of %s (%,.0f rows/s, %.0f MB) — target ≤ %.0f s"
                .formatted(
                        txtOk ? "PASS" : "FAIL",
                        txtBest,
                        secondsList(service),
                        expected.count() / txtBest,
                        Files.size(txt) / 1e6,
                        TARGET_TXT_S));
        report.add(
                "    bare JDBC → OpenCSV loop: best %.2f s of %s (%,.0f rows/s); service rate / bare rate %.2f (target ≥ %.1f)"
                        .formatted(
                                bareBest,
                                secondsList(bare),
                                expected.count() / bareBest,
                                rateRatio,
                                TARGET_TXT_VS_BARE));
        List<Double> xlsxRuns = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            xlsxRuns.add(seconds(() -> {
                Totals footer = export(window, ExportFormat.XLSX, xlsx);
                if (!footer.equals(expected)) {
                    throw new IllegalStateException("XLSX footer " + footer + " differs from the totals " + expected);
                }
                return footer.count();
            }));
        }
        double xlsxBest = xlsxRuns.stream().min(Double::compare).orElseThrow();
        boolean xlsxOk = xlsxBest <= TARGET_XLSX_S;
        targetsMet &= xlsxOk;
        long[] sheetRows = sheetRows(xlsx);
        report.add("%s export XLSX 1M rows: best %.2f s of %s (%,.0f rows/s, %.0f MB, sheets %s) — target ≤ %.0f s"
                .formatted(
                        xlsxOk ? "PASS" : "FAIL",
                        xlsxBest,
                        secondsList(xlsxRuns),
                        expected.count() / xlsxBest,
                        Files.size(xlsx) / 1e6,
                        Arrays.toString(sheetRows),
                        TARGET_XLSX_S));
        report.add("    heap: -Xmx %d MB; old generation peak %d MB"
                .formatted(Runtime.getRuntime().maxMemory() / (1024 * 1024), peakHeapMb()));
    }

    private void secondSheet() throws Exception {
        signInAsFinance(secondMerchant);
        TradeSearch window = TradeSearch.between(windowFrom, windowTo);
        Path xlsx = outDir.resolve("export-1.1M.xlsx");
        long t = System.nanoTime();
        Totals footer = export(window, ExportFormat.XLSX, xlsx);
        double s = (System.nanoTime() - t) / 1e9;
        long[] sheetRows = sheetRows(xlsx);
        boolean ok = footer.count() == secondCount
                && sheetRows.length == 2
                && footer.equals(reconciliation.totals(window).get(StatusTab.ALL));
        targetsMet &= ok;
        report.add("%s export XLSX of %,d rows spans %d sheets (rows per sheet %s) in %.1f s, footer equals the totals"
                .formatted(ok ? "PASS" : "FAIL", footer.count(), sheetRows.length, Arrays.toString(sheetRows), s));
    }

    private Totals export(TradeSearch window, ExportFormat format, Path file) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            return reconciliation.export(window, StatusTab.ALL, SortOrder.NEWEST_FIRST, format, out);
        }
    }

    /** The baseline: the same rows over bare JDBC (fetch size 2000) straight into OpenCSV. */
    private long bareExport(Path file) throws Exception {
        long n = 0;
        try (Connection c = dataSource.getConnection();
                ICSVWriter csv = new CSVWriterBuilder(new BufferedWriter(
                                new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), 1 << 16))
                        .withSeparator('\t')
                        .build()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("select " + ROW_COLUMNS
                    + " from recon_trade where merchant_id = ? and created_at >= ? and created_at < ?"
                    + " order by created_at desc, trade_id desc")) {
                ps.setFetchSize(2000);
                ps.setLong(1, bigMerchant);
                ps.setTimestamp(2, Timestamp.from(windowFrom));
                ps.setTimestamp(3, Timestamp.from(windowTo));
                String[] line = new String[11];
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        line[0] = rs.getString(2);
                        line[1] = rs.getString(3);
                        line[2] = ISO.format(rs.getTimestamp(4).toInstant().atZone(ZONE));
                        line[3] = rs.getString(5);
                        line[4] = rs.getString(8);
                        line[5] = rs.getString(7);
                        line[6] = rs.getString(6);
                        for (int i = 0; i < 4; i++) {
                            line[7 + i] = decimal(rs.getLong(9 + i));
                        }
                        csv.writeNext(line, false);
                        n++;
                    }
                }
            }
            c.commit();
        }
        return n;
    }

    private static String decimal(long fen) {
        return (fen < 0 ? "-" : "") + Math.abs(fen) / 100 + "." + (Math.abs(fen) % 100 < 10 ? "0" : "")
                + Math.abs(fen) % 100;
    }

    /** Rows per sheet, counted by streaming through the workbook's sheet XML (no POI model in memory). */
    private static long[] sheetRows(Path xlsx) throws IOException {
        List<Long> counts = new ArrayList<>();
        try (ZipFile zip = new ZipFile(xlsx.toFile())) {
            Map<String, Long> bySheet = new java.util.TreeMap<>();
            for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
                if (entry.getName().matches("xl/worksheets/sheet\\d+\\.xml")) {
                    try (InputStream in = zip.getInputStream(entry)) {
                        bySheet.put(entry.getName(), countRows(in));
                    }
                }
            }
            bySheet.entrySet().stream()
                    .sorted(java.util.Comparator.comparingInt(
                            e -> Integer.parseInt(e.getKey().replaceAll("\\D", ""))))
                    .forEach(e -> counts.add(e.getValue()));
        }
        return counts.stream().mapToLong(Long::longValue).toArray();
    }

    private static long countRows(InputStream in) throws IOException {
        byte[] pattern = "<row ".getBytes(StandardCharsets.US_ASCII);
        byte[] buffer = new byte[1 << 16];
        long count = 0;
        int matched = 0;
        int read;
        while ((read = in.read(buffer)) > 0) {
            for (int i = 0; i < read; i++) {
                if (buffer[i] == pattern[matched]) {
                    if (++matched == pattern.length) {
                        count++;
                        matched = 0;
                    }
                } else {
                    matched = buffer[i] == pattern[0] ? 1 : 0;
                }
            }
        }
        return count;
    }

    /** The old generation's peak: what stayed in memory (the young pools fill and empty all the time). */
    private static long peakHeapMb() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getName().contains("Old") && pool.getPeakUsage() != null) {
                peak = Math.max(peak, pool.getPeakUsage().getUsed());
            }
        }
        return peak / (1024 * 1024);
    }

    // ---------------------------------------------------------------------------------------------
    // Measuring

    /** Latency percentiles in ms, and the garbage collections during the measured calls. */
    record Stats(int n, double p50, double p95, double p99, double max, long gcs, long gcMs) {
        @Override
        public String toString() {
            return "p50 %.2f ms, p95 %.2f ms, p99 %.2f ms (n=%d, %d GCs %d ms)".formatted(p50, p95, p99, n, gcs, gcMs);
        }
    }

    private static long[] gc() {
        long[] totals = new long[2];
        for (var bean : ManagementFactory.getGarbageCollectorMXBeans()) {
            totals[0] += Math.max(0, bean.getCollectionCount());
            totals[1] += Math.max(0, bean.getCollectionTime());
        }
        return totals;
    }

    interface Work {
        long run() throws Exception;
    }

    private Stats time(Work work) {
        return time(iterations, work);
    }

    private static Stats time(int n, Work work) {
        try {
            for (int i = 0; i < Math.max(20, n / 5); i++) {
                work.run();
            }
            double[] ms = new double[n];
            long[] gcBefore = gc();
            for (int i = 0; i < n; i++) {
                long t = System.nanoTime();
                work.run();
                ms[i] = (System.nanoTime() - t) / 1e6;
            }
            long[] gcAfter = gc();
            Arrays.sort(ms);
            return new Stats(
                    n,
                    ms[n / 2],
                    ms[(int) Math.ceil(n * 0.95) - 1],
                    ms[(int) Math.ceil(n * 0.99) - 1],
                    ms[n - 1],
                    gcAfter[0] - gcBefore[0],
                    gcAfter[1] - gcBefore[1]);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static double seconds(Work work) throws Exception {
        long t = System.nanoTime();
        work.run();
        return (System.nanoTime() - t) / 1e9;
    }

    private static String secondsList(List<Double> runs) {
        return runs.stream().map(s -> "%.2f".formatted(s)).toList().toString();
    }

    private void check(String what, Stats stats, double targetP95) {
        boolean ok = stats.p95() <= targetP95;
        targetsMet &= ok;
        report.add("%s %s: %s — target p95 ≤ %.0f ms".formatted(ok ? "PASS" : "FAIL", what, stats, targetP95));
        log("%s", report.getLast());
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + ", " + parts[1] + ", " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(line -> line.startsWith("model name"))
                    .findFirst()
                    .map(line -> line.substring(line.indexOf(':') + 1).strip())
                    .orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    private static void log(String format, Object... args) {
        System.out.println("[recon-bench] " + String.format(Locale.ROOT, format, args));
    }
}
