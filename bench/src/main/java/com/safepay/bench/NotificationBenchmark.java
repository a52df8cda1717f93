package com.safepay.bench;

import com.safepay.SafePayApplication;
import com.safepay.merchant.MerchantNo;
import com.safepay.merchant.MerchantService;
import com.safepay.merchant.MerchantView;
import com.safepay.merchant.PlatformKeys;
import com.safepay.notification.NotificationDispatcher;
import com.safepay.shared.Role;
import com.safepay.shared.RsaSignatures;
import com.safepay.support.TestReceiver;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
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
 * The notification-delivery benchmark (docs/performance.md, "Notifications"). Starts an embedded
 * PostgreSQL with default durability, SafePay against it in its production notification set-up (the
 * continuous pump, default limits), and local merchant servers: one JDK HttpServer per host on
 * 127.0.0.1 … 127.0.0.N (all loopback on Linux). Hosts, not ports: SafePay's per-host limit is keyed
 * by host name, so N servers on different ports of one address would share one host's share.
 *
 * <ol>
 *   <li>(a) every receiver answers {@code success} at once: delivered/s over a fixed window;
 *   <li>(b) the last {@code slow-hosts} receivers answer after {@code slow-ms}: delivered/s to the
 *       healthy ones, and its ratio to (a).
 * </ol>
 *
 * Each phase inserts its notifications straight into the outbox in one statement (valid payloads,
 * as {@code NotificationOutbox} writes them: this measures delivery, not payment), waits a warm-up,
 * then counts the answers given in the window. Afterwards it checks that every notification was
 * received once, every signature verified, and the database's SUCCEEDED rows match what the
 * receivers saw. Exit code 1 when a check fails; target misses only print FAIL unless {@code
 * --strict} (exit code 3).
 *
 * <p>Options ({@code --name=value}): hosts (10), slow-hosts (1), slow-ms (5000), notifications
 * (40,000 per phase), jit-warmup (15,000 notifications delivered, unmeasured, before (a)), warmup
 * (5 s per phase), duration (15 s per phase), data-dir (bench/target/pgdata-notify), pg ({@code
 * name=value;…}: extra PostgreSQL settings, for diagnosis), spring
 * ({@code name=value;…}: extra SafePay properties), strict (false).
 */
public final class NotificationBenchmark {

    static final double TARGET_PER_S = 1_000;
    static final double TARGET_SLOW_RATIO = 0.8;

    private final Map<String, String> options;
    private final int hosts;
    private final int slowHosts;
    private final int slowMillis;
    private final int notifications;
    private final int warmupNotifications;
    private final int warmupSeconds;
    private final int durationSeconds;
    private final Path dataDir;

    private final List<HttpServer> servers = new ArrayList<>();
    private final LongAdder[] answered;
    private final Map<String, AtomicInteger> perNotifyId = new ConcurrentHashMap<>();
    private final LongAdder badSignatures = new LongAdder();
    private volatile boolean slowOn;
    private volatile PublicKey safePayKey;
    private int port;

    private NotificationBenchmark(Map<String, String> options) {
        this.options = options;
        this.hosts = intOption("hosts", 10);
        this.slowHosts = intOption("slow-hosts", Math.max(1, hosts / 10));
        this.slowMillis = intOption("slow-ms", 5000);
        this.notifications = intOption("notifications", 40_000);
        this.warmupNotifications = intOption("jit-warmup", 15_000);
        this.warmupSeconds = intOption("warmup", 5);
        this.durationSeconds = intOption("duration", 15);
        this.dataDir = Path.of(options.getOrDefault("data-dir", "bench/target/pgdata-notify"))
                .toAbsolutePath();
        this.answered = new LongAdder[hosts + 1];
        for (int i = 0; i <= hosts; i++) {
            answered[i] = new LongAdder();
        }
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
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("Options look like --name=value, not " + arg);
            }
            int eq = arg.indexOf('=');
            options.put(eq < 0 ? arg.substring(2) : arg.substring(2, eq), eq < 0 ? "true" : arg.substring(eq + 1));
        }
        int exit;
        try {
            exit = new NotificationBenchmark(options).run();
        } catch (Throwable e) {
            e.printStackTrace();
            exit = 2;
        }
        System.out.flush();
        System.exit(exit);
    }

    private boolean isSlow(int host) {
        return slowOn && host > hosts - slowHosts;
    }

    private static String address(int host) {
        return "127.0.0." + host;
    }

    private int run() throws Exception {
        long started = System.nanoTime();
        String runDate =
                LocalDateTime.now(ZoneId.of("UTC")).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")) + " UTC";
        log("SafePay notification benchmark, " + runDate);
        log(
                "hosts=%d slow-hosts=%d slow-ms=%d notifications=%d per phase warmup=%ds duration=%ds",
                hosts, slowHosts, slowMillis, notifications, warmupSeconds, durationSeconds);
        startReceivers();
        Files.createDirectories(dataDir);
        var builder = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder();
        for (String setting : options.getOrDefault("pg", "").split(";")) {
            int eq = setting.indexOf('=');
            if (eq > 0) { // for diagnosis, e.g. shared_preload_libraries=pg_stat_statements
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
                .start()) {
            try (Connection c = postgres.getPostgresDatabase().getConnection();
                    Statement s = c.createStatement()) {
                s.execute("create database safepay_bench");
            }
            String url = postgres.getJdbcUrl("postgres", "safepay_bench");
            try (ConfigurableApplicationContext context = startSafePay(url)) {
                DataSource dataSource = context.getBean(DataSource.class);
                safePayKey = context.getBean(PlatformKeys.class).publicKey();
                NotificationDispatcher dispatcher = context.getBean(NotificationDispatcher.class);
                long merchantId = merchant(context.getBean(MerchantService.class));
                log(
                        "pump running: %s; max-in-flight=%s, per host=%s, hikari pool=%s",
                        dispatcher.isPumping(),
                        context.getEnvironment().getProperty("safepay.notify.max-in-flight"),
                        context.getEnvironment().getProperty("safepay.notify.max-in-flight-per-host"),
                        context.getEnvironment().getProperty("spring.datasource.hikari.maximum-pool-size", "10"));

                // JIT warm-up: the same work, unmeasured, delivered in full before (a)
                if (warmupNotifications > 0) {
                    insert(dataSource, merchantId, "w", warmupNotifications);
                    waitDelivered(dataSource, "w", hosts, Math.max(60, warmupNotifications / 100));
                }
                // (a) all healthy
                Phase a = phase(dataSource, merchantId, "a");
                waitDelivered(dataSource, "a", hosts, Math.max(60, notifications / 200));
                // (b) slow hosts
                slowOn = true;
                Phase b = phase(dataSource, merchantId, "b");
                waitDelivered(dataSource, "b", hosts - slowHosts, Math.max(60, notifications / 200));

                // stop, let sends under way (the slow ones too) finish and be recorded, then check
                dispatcher.close();
                Thread.sleep(slowMillis + 3000L);
                Checks checks = check(dataSource);
                boolean targetsMet = report(runDate, a, b, checks, (System.nanoTime() - started) / 1e9);
                if (!checks.allHold()) {
                    return 1;
                }
                return !targetsMet && Boolean.parseBoolean(options.getOrDefault("strict", "false")) ? 3 : 0;
            } finally {
                servers.forEach(server -> server.stop(0));
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Receivers

    private void startReceivers() throws IOException {
        for (int host = 1; host <= hosts; host++) {
            InetAddress address = InetAddress.getByName(address(host));
            // one port for all: the first server picks it, the others bind it on their own address
            HttpServer server = HttpServer.create(new InetSocketAddress(address, port), 1000);
            port = server.getAddress().getPort();
            int n = host;
            server.createContext("/notify", exchange -> {
                Map<String, String> fields = TestReceiver.parse(
                        new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                if (!RsaSignatures.verify(fields, safePayKey)) {
                    badSignatures.increment();
                }
                perNotifyId
                        .computeIfAbsent(fields.getOrDefault("notify_id", ""), k -> new AtomicInteger())
                        .incrementAndGet();
                if (isSlow(n)) {
                    try {
                        Thread.sleep(slowMillis);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                byte[] success = "success".getBytes(StandardCharsets.US_ASCII);
                exchange.sendResponseHeaders(200, success.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(success);
                }
                answered[n].increment();
            });
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            servers.add(server);
        }
        log("receivers: %s … %s, port %d", address(1), address(hosts), port);
    }

    // ---------------------------------------------------------------------------------------------
    // SafePay

    private ConfigurableApplicationContext startSafePay(String url) {
        long t = System.nanoTime();
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", url);
        properties.put("spring.datasource.username", "postgres");
        properties.put("spring.datasource.password", "");
        properties.put("spring.main.banner-mode", "off");
        properties.put("safepay.demo.enabled", "false");
        List<String> allowed = new ArrayList<>(List.of("localhost"));
        for (int host = 1; host <= hosts; host++) {
            allowed.add(address(host));
        }
        properties.put("safepay.notify.host-allow-list", String.join(",", allowed));
        properties.put("logging.level.root", "warn");
        properties.put("logging.level.com.safepay", "warn");
        for (String setting : options.getOrDefault("spring", "").split(";")) {
            int eq = setting.indexOf('=');
            if (eq > 0) {
                properties.put(
                        setting.substring(0, eq).trim(),
                        setting.substring(eq + 1).trim());
            }
        }
        ConfigurableApplicationContext context = new SpringApplicationBuilder(SafePayApplication.class)
                .web(WebApplicationType.SERVLET)
                .contextFactory(type -> new GenericWebApplicationContext(new MockServletContext()))
                .run(properties.entrySet().stream()
                        .map(e -> "--" + e.getKey() + "=" + e.getValue())
                        .toArray(String[]::new));
        log("SafePay context started in %.1f s", (System.nanoTime() - t) / 1e9);
        return context;
    }

    private static long merchant(MerchantService merchants) {
        var previous = SecurityContextHolder.getContext();
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                "bench-admin", null, List.of(new SimpleGrantedAuthority(Role.ADMIN.authority()))));
        SecurityContextHolder.setContext(context);
        try {
            MerchantView merchant = merchants.register(
                    new MerchantNo("2088" + "%012d".formatted(System.currentTimeMillis() % 1_000_000_000_000L)),
                    "Notify bench merchant",
                    "notify-seller@bench.test",
                    ZoneId.of("Asia/Shanghai"),
                    "bench");
            return merchant.id();
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Phases

    /**
     * @param ownCpu CPU seconds of this JVM (SafePay and the receivers) and PostgreSQL in the window
     * @param postgresCpu the part of {@code ownCpu} that PostgreSQL used
     * @param otherCpu CPU seconds of every other process on the machine in the window
     * @param commits transactions committed in SafePay's database in the window (PostgreSQL's
     *     statistics, which backends report about once a second: approximate)
     */
    record Phase(
            String name,
            double seconds,
            long[] delivered,
            long pendingHealthyAtEnd,
            double ownCpu,
            double postgresCpu,
            double otherCpu,
            long commits) {

        long all() {
            long sum = 0;
            for (long d : delivered) {
                sum += d;
            }
            return sum;
        }

        double cpuMsPerNotification() {
            return 1000 * ownCpu / all();
        }

        double postgresCpuMsPerNotification() {
            return 1000 * postgresCpu / all();
        }

        double commitsPerNotification() {
            return (double) commits / all();
        }

        long healthy(int hosts, int slowHosts, boolean slow) {
            long sum = 0;
            for (int h = 1; h <= hosts; h++) {
                if (!slow || h <= hosts - slowHosts) {
                    sum += delivered[h];
                }
            }
            return sum;
        }

        long slowOnes(int hosts, int slowHosts) {
            long sum = 0;
            for (int h = hosts - slowHosts + 1; h <= hosts; h++) {
                sum += delivered[h];
            }
            return sum;
        }
    }

    /** Inserts this phase's notifications, round robin over the hosts, in one statement. */
    private void insert(DataSource dataSource, long merchantId, String phase, int count) throws SQLException {
        long t = System.nanoTime();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("""
                        insert into notification (notify_id, merchant_id, trade_no, notify_type, event_kind, notify_url,
                            notify_host, payload, status, attempts, max_attempts, next_attempt_at, created_at)
                        select id, ?, trade_no, 'trade_status_sync', 'TRADE_PAID',
                            'http://' || host || ':' || ? || '/notify', host,
                            json_build_object('notify_id', id, 'notify_type', 'trade_status_sync',
                                'merchant_no', '2088000000000001', 'seller_account', 'notify-seller@bench.test',
                                'trade_no', trade_no, 'out_trade_no', 'o-' || id, 'trade_status', 'TRADE_SUCCESS',
                                'total_amount', '12.34', 'subject', 'notification benchmark')::text,
                            'PENDING', 0, 7, now(), now()
                        from (select ? || lpad(g::text, 9, '0') as id,
                                  '2026' || ? || lpad(g::text, 12, '0') as trade_no,
                                  '127.0.0.' || (1 + g % ?) as host
                              from generate_series(1, ?) g) n""")) {
            s.setLong(1, merchantId);
            s.setInt(2, port);
            s.setString(3, "bench-" + phase + "-");
            s.setString(4, phase);
            s.setInt(5, hosts);
            s.setInt(6, count);
            s.executeUpdate();
        }
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute("analyze notification");
        }
        log("(%s) inserted %,d pending notifications in %.1f s", phase, count, (System.nanoTime() - t) / 1e9);
    }

    private Phase phase(DataSource dataSource, long merchantId, String phase) throws Exception {
        insert(dataSource, merchantId, phase, notifications);
        Thread.sleep(warmupSeconds * 1000L);
        long[] before = snapshot();
        long commits0 = commits(dataSource);
        double postgres0 = CpuTime.postgres(dataDir);
        double own0 = CpuTime.jvm() + postgres0;
        double machine0 = CpuTime.machineBusy();
        long t0 = System.nanoTime();
        Thread.sleep(durationSeconds * 1000L);
        long[] after = snapshot();
        double seconds = (System.nanoTime() - t0) / 1e9;
        double postgres = CpuTime.postgres(dataDir);
        double own = CpuTime.jvm() + postgres - own0;
        double other = CpuTime.machineBusy() - machine0 - own;
        long[] delivered = new long[hosts + 1];
        for (int h = 1; h <= hosts; h++) {
            delivered[h] = after[h] - before[h];
        }
        long commits = commits(dataSource) - commits0;
        long pendingHealthy = pendingHealthy(dataSource, phase);
        Phase result = new Phase(phase, seconds, delivered, pendingHealthy, own, postgres - postgres0, other, commits);
        log(
                "(%s) CPU: benchmark (JVM + PostgreSQL) %.1f of %d cores, other processes %.1f; %.2f ms CPU per delivery"
                        + " (PostgreSQL %.2f ms)",
                phase,
                own / seconds,
                Runtime.getRuntime().availableProcessors(),
                other / seconds,
                result.cpuMsPerNotification(),
                result.postgresCpuMsPerNotification());
        log(
                "(%s) %,d delivered in %.1f s: %,.0f/s to healthy hosts, %,.1f/s to slow ones; %,d still pending for healthy hosts",
                phase,
                result.healthy(hosts, slowHosts, false),
                seconds,
                result.healthy(hosts, slowHosts, slowOn) / seconds,
                slowOn ? result.slowOnes(hosts, slowHosts) / seconds : 0.0,
                pendingHealthy);
        return result;
    }

    private static long commits(DataSource dataSource) throws SQLException {
        return single(dataSource, "select xact_commit from pg_stat_database where datname = current_database()");
    }

    private long[] snapshot() {
        long[] counts = new long[hosts + 1];
        for (int h = 1; h <= hosts; h++) {
            counts[h] = answered[h].sum();
        }
        return counts;
    }

    private long pendingHealthy(DataSource dataSource, String phase) throws SQLException {
        List<String> healthy = new ArrayList<>();
        for (int h = 1; h <= hosts; h++) {
            if (!isSlow(h)) {
                healthy.add("'" + address(h) + "'");
            }
        }
        return single(
                dataSource,
                "select count(*) from notification where status = 'PENDING' and notify_id like 'bench-" + phase
                        + "-%' and notify_host in (" + String.join(",", healthy) + ")");
    }

    private void waitDelivered(DataSource dataSource, String phase, int healthyHosts, int maxSeconds) throws Exception {
        long deadline = System.nanoTime() + maxSeconds * 1_000_000_000L;
        long pending;
        while ((pending = pendingHealthy(dataSource, phase)) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        log("(%s) rest delivered to the %d healthy hosts; %d still pending there", phase, healthyHosts, pending);
    }

    // ---------------------------------------------------------------------------------------------
    // Checks and report

    record Checks(Map<String, Boolean> passed, Map<String, String> details) {
        boolean allHold() {
            return passed.values().stream().allMatch(Boolean::booleanValue);
        }
    }

    private Checks check(DataSource dataSource) throws SQLException {
        Map<String, Boolean> passed = new LinkedHashMap<>();
        Map<String, String> details = new LinkedHashMap<>();
        long received = perNotifyId.size();
        long duplicates = perNotifyId.values().stream().filter(n -> n.get() > 1).count();
        passed.put("each notification received once (count per notify_id)", duplicates == 0);
        details.put(
                "each notification received once (count per notify_id)",
                f("%,d notify_ids received, %d more than once", received, duplicates));
        long bad = badSignatures.sum();
        passed.put("every signature verified", bad == 0);
        details.put(
                "every signature verified",
                f(
                        "%,d of %,d failed",
                        bad,
                        perNotifyId.values().stream()
                                .mapToInt(AtomicInteger::get)
                                .sum()));
        long succeeded = single(dataSource, "select count(*) from notification where status = 'SUCCEEDED'");
        long unsent = single(dataSource, "select count(*) from notification where status = 'PENDING' and attempts = 0");
        long other = single(dataSource, "select count(*) from notification where status = 'FAILED' or attempts > 1");
        long failedAttempts = single(dataSource, "select count(*) from notification_attempt where not succeeded");
        boolean consistent =
                succeeded == received && succeeded + unsent == 2L * notifications + warmupNotifications && other == 0;
        passed.put(
                "database: SUCCEEDED = received, the rest never sent, no failed attempt",
                consistent && failedAttempts == 0);
        details.put(
                "database: SUCCEEDED = received, the rest never sent, no failed attempt",
                f(
                        "%,d SUCCEEDED, %,d received, %,d unsent (slow hosts' backlog), %d failed/retried, %d failed attempts",
                        succeeded, received, unsent, other, failedAttempts));
        long healthyPending = single(
                dataSource,
                "select count(*) from notification where status = 'PENDING'" + " and notify_host not in ("
                        + slowHostList() + ")");
        passed.put("all notifications to healthy hosts delivered", healthyPending == 0);
        details.put("all notifications to healthy hosts delivered", f("%,d pending", healthyPending));
        return new Checks(passed, details);
    }

    private String slowHostList() {
        List<String> slow = new ArrayList<>();
        for (int h = hosts - slowHosts + 1; h <= hosts; h++) {
            slow.add("'" + address(h) + "'");
        }
        return String.join(",", slow);
    }

    private boolean report(String runDate, Phase a, Phase b, Checks checks, double seconds) {
        double rateA = a.healthy(hosts, slowHosts, false) / a.seconds();
        double rateB = b.healthy(hosts, slowHosts, true) / b.seconds();
        double slowRate = b.slowOnes(hosts, slowHosts) / b.seconds();
        double ratio = rateB / rateA;
        boolean passA = rateA >= TARGET_PER_S;
        boolean passB = ratio >= TARGET_SLOW_RATIO;
        System.out.println();
        System.out.println("SafePay notification benchmark, " + runDate + f(", %.0f s in all", seconds));
        System.out.println(f(
                "machine: %d cores (%s), %s %s",
                Runtime.getRuntime().availableProcessors(),
                cpuModel(),
                System.getProperty("java.vm.name"),
                System.getProperty("java.version")));
        System.out.println(f(
                "%d receivers on 127.0.0.1 … 127.0.0.%d; (b): %d slow (%d ms per answer); %,d notifications per phase after "
                        + "%,d for the JIT; %d s warm-up, %d s measured",
                hosts,
                hosts,
                slowHosts,
                slowMillis,
                notifications,
                warmupNotifications,
                warmupSeconds,
                durationSeconds));
        System.out.println();
        System.out.println("| measure | result | target | |");
        System.out.println("| --- | ---: | --- | --- |");
        System.out.println(f(
                "| (a) delivered/s, all %d receivers healthy | %,.0f | ≥ %,.0f | %s |",
                hosts, rateA, TARGET_PER_S, passA ? "PASS" : "FAIL"));
        System.out.println(f(
                "| (b) delivered/s to the %d healthy receivers | %,.0f (%.2f × (a)) | ≥ %.1f × (a) = %,.0f | %s |",
                hosts - slowHosts,
                rateB,
                ratio,
                TARGET_SLOW_RATIO,
                TARGET_SLOW_RATIO * rateA,
                passB ? "PASS" : "FAIL"));
        System.out.println(f(
                "| (b) delivered/s to the %d slow receivers | %,.1f | (info: at most %d × per-host limit / %.0f s) | |",
                slowHosts, slowRate, slowHosts, slowMillis / 1000.0));
        int cores = Runtime.getRuntime().availableProcessors();
        for (Phase phase : List.of(a, b)) {
            System.out.println(f(
                    "| (%s) CPU: benchmark / other processes, cores | %.2f / %.2f of %d | (info) | |",
                    phase.name(), phase.ownCpu() / phase.seconds(), phase.otherCpu() / phase.seconds(), cores));
            System.out.println(f(
                    "| (%s) CPU per delivery (SafePay + receiver + PostgreSQL) | %.2f ms | (info: %d cores / this = %,.0f/s if the machine were ours) | |",
                    phase.name(), phase.cpuMsPerNotification(), cores, cores * 1000 / phase.cpuMsPerNotification()));
            System.out.println(f(
                    "| (%s) of which JVM (SafePay + receiver) / PostgreSQL | %.2f / %.2f ms | (info) | |",
                    phase.name(),
                    phase.cpuMsPerNotification() - phase.postgresCpuMsPerNotification(),
                    phase.postgresCpuMsPerNotification()));
            System.out.println(f(
                    "| (%s) database transactions committed per delivery | ≈ %.2f | (info) | |",
                    phase.name(), phase.commitsPerNotification()));
        }
        // the same ratio per CPU second the benchmark got: fair when other processes took more in one window
        double perCpuA = a.healthy(hosts, slowHosts, false) / a.ownCpu();
        double perCpuB = b.healthy(hosts, slowHosts, true) / b.ownCpu();
        System.out.println(f(
                "| (b) / (a) per CPU second of the benchmark (healthy deliveries) | %.2f | (info: ≥ %.1f when CPU-bound) | |",
                perCpuB / perCpuA, TARGET_SLOW_RATIO));
        for (Map.Entry<String, Boolean> check : checks.passed().entrySet()) {
            System.out.println(f(
                    "| %s | %s | | %s |",
                    check.getKey(), checks.details().get(check.getKey()), check.getValue() ? "PASS" : "FAIL"));
        }
        if (a.pendingHealthyAtEnd() == 0 || b.pendingHealthyAtEnd() == 0) {
            System.out.println(
                    "WARNING: the backlog ran out inside a window; raise --notifications (rate is a lower bound)");
        }
        System.out.println();
        return passA && passB;
    }

    // ---------------------------------------------------------------------------------------------

    private static long single(DataSource dataSource, String sql) throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).strip())
                    .findFirst()
                    .orElse("unknown CPU");
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
