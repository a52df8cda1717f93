package com.safepay.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.safepay.support.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;

class IdleSessionFilterTest {

    private final MutableClock clock = new MutableClock();
    private final IdleSessionFilter filter = new IdleSessionFilter(clock, Duration.ofMinutes(15), event -> {});
    private final MockHttpSession session = new MockHttpSession();

    private void request(boolean heartbeat) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/");
        if (heartbeat) {
            request.setParameter("v-r", "heartbeat");
        } else {
            request.setParameter("v-r", "uidl");
        }
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
    void a_user_request_after_the_idle_time_finds_the_session_ended() throws Exception {
        request(false);
        clock.advance(Duration.ofMinutes(16));
        request(false);
        assertThat(session.isInvalid()).isTrue();
    }
}
