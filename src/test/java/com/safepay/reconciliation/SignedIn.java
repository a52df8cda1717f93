package com.safepay.reconciliation;

import com.safepay.shared.CurrentUser.SignedInUser;
import com.safepay.shared.Role;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/** Signs a back-office user in for service tests, as sign-in does: a {@link SignedInUser} principal. */
final class SignedIn {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private SignedIn() {}

    static void as(Role role, long merchantId) {
        as(role, merchantId, Locale.SIMPLIFIED_CHINESE);
    }

    static void as(Role role, long merchantId, Locale locale) {
        SignedInUser user = new SignedInUser(
                merchantId * 10 + role.ordinal(),
                role.name().toLowerCase(Locale.ROOT) + "-" + merchantId,
                role,
                merchantId,
                SHANGHAI,
                locale,
                null,
                null);
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                user, null, List.of(new SimpleGrantedAuthority(role.authority()))));
        SecurityContextHolder.setContext(context);
    }

    static void out() {
        SecurityContextHolder.clearContext();
    }
}
