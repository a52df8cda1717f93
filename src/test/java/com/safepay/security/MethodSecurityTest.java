package com.safepay.security;

import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.safepay.merchant.MerchantService;
import com.safepay.support.H2IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.test.context.support.WithMockUser;

@H2IntegrationTest
class MethodSecurityTest {

    @Autowired
    UserService users;

    @Autowired
    MerchantService merchants;

    @Autowired
    AuditLog auditLog;

    @Test
    @WithMockUser(roles = "MERCHANT")
    void a_merchant_calling_an_admin_service_is_refused() {
        assertThatThrownBy(() -> users.listUsers()).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> merchants.all()).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> auditLog.search(null, org.springframework.data.domain.Pageable.ofSize(10)))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    @WithMockUser(roles = "FINANCE")
    void finance_staff_cannot_create_users() {
        assertThatThrownBy(() -> users.createUser("sneaky", "password123", com.safepay.shared.Role.ADMIN, null))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void nobody_signed_in_is_refused_too() {
        assertThatThrownBy(() -> users.listUsers()).isInstanceOf(AuthenticationCredentialsNotFoundException.class);
    }

    @Test
    @WithMockUser(roles = "ADMIN")
    void an_admin_may_list_users() {
        assertThatNoException().isThrownBy(() -> users.listUsers());
    }
}
