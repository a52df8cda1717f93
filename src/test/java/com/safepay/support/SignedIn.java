package com.safepay.support;

import com.safepay.shared.CurrentUser.SignedInUser;
import com.safepay.shared.Role;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/** Signs a back-office user in for service tests, as sign-in does: a {@link SignedInUser} principal. */
public final class SignedIn {

    public static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private SignedIn() {}

    public static void as(Role role, long merchantId) {
        as(role, merchantId, Locale.SIMPLIFIED_CHINESE);
    }

    public static void as(Role role, long merchantId, Locale locale) {
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

    public static void out() {
        SecurityContextHolder.clearContext();
    }
}
