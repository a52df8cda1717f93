package com.safepay.demo;

import com.safepay.merchant.MerchantNo;
import com.safepay.merchant.MerchantService;
import com.safepay.merchant.MerchantView;
import com.safepay.security.UserService;
import com.safepay.shared.Role;
import java.time.ZoneId;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Fills an empty database with two merchants (to show isolation) and one user per role, all with the
 * demo password, and prints the logins. Only with the {@code demo} profile.
 */
@Component
@Profile("demo")
@ConditionalOnProperty(name = "safepay.demo.enabled", havingValue = "true")
@Order(0)
class DemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    static final MerchantNo FIRST_MERCHANT = new MerchantNo("2088100000000001");
    static final MerchantNo SECOND_MERCHANT = new MerchantNo("2088100000000002");

    private final MerchantService merchants;
    private final UserService users;
    private final String password;
    private final String port;

    DemoData(
            MerchantService merchants,
            UserService users,
            @Value("${safepay.demo.password}") String password,
            @Value("${local.server.port:${server.port:8080}}") String port) {
        this.merchants = merchants;
        this.users = users;
        this.password = password;
        this.port = port;
    }

    @Override
    public void run(ApplicationArguments args) {
        runAsSystemAdmin(this::seedIfEmpty);
        printLogins();
    }

    private void seedIfEmpty() {
        if (merchants.count() > 0 || users.count() > 0) {
            log.info("Demo data: database is not empty, nothing added");
            return;
        }
        ZoneId shanghai = ZoneId.of("Asia/Shanghai");
        MerchantView first =
                merchants.register(FIRST_MERCHANT, "云杉咖啡 Spruce Coffee", "spruce@safepay.demo", shanghai, "system");
        MerchantView second =
                merchants.register(SECOND_MERCHANT, "青禾书店 Green Grain Books", "books@safepay.demo", shanghai, "system");
        users.createUser("merchant", password, Role.MERCHANT, first.id());
        users.createUser("finance", password, Role.FINANCE, first.id());
        users.createUser("merchant2", password, Role.MERCHANT, second.id());
        users.createUser("admin", password, Role.ADMIN, null);
        log.info("Demo data: 2 merchants and 4 users created");
    }

    private void printLogins() {
        String line = "=".repeat(72);
        StringBuilder text = new StringBuilder("\n").append(line).append('\n');
        text.append("  SafePay demo is running: http://localhost:").append(port).append("/\n");
        text.append("  Demo logins (password for all: ").append(password).append(")\n");
        for (String[] login : List.of(
                new String[] {"merchant", "MERCHANT of " + FIRST_MERCHANT},
                new String[] {"finance", "FINANCE of " + FIRST_MERCHANT},
                new String[] {"merchant2", "MERCHANT of " + SECOND_MERCHANT},
                new String[] {"admin", "ADMIN (platform)"})) {
            text.append(String.format("    %-10s %s%n", login[0], login[1]));
        }
        text.append(line);
        log.info(text.toString());
    }

    private static void runAsSystemAdmin(Runnable work) {
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                "system", null, List.of(new SimpleGrantedAuthority(Role.ADMIN.authority()))));
        SecurityContextHolder.setContext(context);
        try {
            work.run();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
