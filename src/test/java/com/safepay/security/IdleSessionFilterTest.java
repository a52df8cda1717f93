package com.safepay.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.safepay.shared.CurrentUser.SignedInUser;
import com.safepay.shared.Role;
import com.safepay.support.MutableClock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

class IdleSessionFilterTest {

    private final MutableClock clock = new MutableClock();
    private final IdleSessionFilter filter = new IdleSessionFilter(clock, Duration.ofMinutes(15), event -> {});
    private final MockHttpSession session = new MockHttpSession();

    private void request(boolean heartbeat) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/");
        request.setQueryString(heartbeat ? "v-r=heartbeat&v-uiId=0" : "v-r=uidl&v-uiId=0");
        request.setSession(session);
        filter.doFilter(request, new MockHttpServletResponse(), new MockFilterChain());
    }

    @Test
    void heartbeats_alone_do_not_keep_a_session_alive_past_fifteen_minutes() throws Exception {
        request(false);
        for (int minute = 0; minute < 15; minute += 5) {
            clock.advance(Duration.ofMinutes(5));
            request(true);
            assertThat(session.isInvalid()).isFalse();
        }
        clock.advance(Duration.ofSeconds(1));
        request(true);
        assertThat(session.isInvalid()).isTrue();
    }

    @Test
    void user_activity_restarts_the_fifteen_minutes() throws Exception {
        request(false);
        clock.advance(Duration.ofMinutes(14));
        request(false);
        clock.advance(Duration.ofMinutes(14));
        request(true);
        assertThat(session.isInvalid()).isFalse();
    }

    @Test
    void an_idle_session_ends_even_when_its_timeout_cannot_be_audited() throws Exception {
        IdleSessionFilter failingAudit = new IdleSessionFilter(clock, Duration.ofMinutes(15), event -> {
            throw new IllegalStateException("audit log unavailable");
        });
        SignedInUser user = new SignedInUser(
                1L, "merchant", Role.MERCHANT, 1L, ZoneId.of("Asia/Shanghai"), Locale.ENGLISH, null, null);
        session.setAttribute(
                HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY,
                new SecurityContextImpl(UsernamePasswordAuthenticationToken.authenticated(user, null, List.of())));
        MockHttpServletRequest first = new MockHttpServletRequest("POST", "/");
        first.setSession(session);
        failingAudit.doFilter(first, new MockHttpServletResponse(), new MockFilterChain());
        clock.advance(Duration.ofMinutes(16));
        MockHttpServletRequest late = new MockHttpServletRequest("POST", "/");
        late.setSession(session);
        MockFilterChain chain = new MockFilterChain();

        failingAudit.doFilter(late, new MockHttpServletResponse(), chain);

        assertThat(session.isInvalid()).isTrue();
        assertThat(chain.getRequest()).as("the request goes on, anonymous").isNotNull();
    }

    @Test
    void telling_a_heartbeat_reads_the_query_string_and_never_a_form_body() throws Exception {
        MockHttpServletRequest form = new MockHttpServletRequest("POST", "/api/v1/trade/create") {
            @Override
            public String getParameter(String name) {
                throw new AssertionError("the filter parsed the body for parameter " + name);
            }
        };
        form.setContentType("application/x-www-form-urlencoded");
        form.setContent("v-r=heartbeat".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        form.setSession(session);

        filter.doFilter(form, new MockHttpServletResponse(), new MockFilterChain());

        assertThat(IdleSessionFilter.isHeartbeat(form)).isFalse();
    }

    @Test
    void a_user_request_after_the_idle_time_finds_the_session_ended() throws Exception {
        request(false);
        clock.advance(Duration.ofMinutes(16));
        request(false);
        assertThat(session.isInvalid()).isTrue();
    }
}
