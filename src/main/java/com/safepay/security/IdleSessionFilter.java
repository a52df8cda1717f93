package com.safepay.security;

import com.safepay.shared.AuditEvent;
import com.safepay.shared.CurrentUser.SignedInUser;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a session after a period without user activity. Vaadin's heartbeats reach the server every few
 * minutes and would keep the servlet session alive forever; they do not count as activity here.
 */
class IdleSessionFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(IdleSessionFilter.class);

    static final String LAST_ACTIVITY = IdleSessionFilter.class.getName() + ".lastActivity";

    private final Clock clock;
    private final Duration timeout;
    private final ApplicationEventPublisher events;

    IdleSessionFilter(Clock clock, Duration timeout, ApplicationEventPublisher events) {
        this.clock = clock;
        this.timeout = timeout;
        this.events = events;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        if (session != null) {
            Instant now = clock.instant();
            Instant lastActivity = (Instant) session.getAttribute(LAST_ACTIVITY);
            if (lastActivity != null && Duration.between(lastActivity, now).compareTo(timeout) > 0) {
                // the session ends first: a failing audit write must never keep an idle session alive
                SignedInUser user = signedInUser(session);
                session.invalidate();
                auditTimeout(user, request.getRemoteAddr());
            } else if (!isHeartbeat(request)) {
                session.setAttribute(LAST_ACTIVITY, now);
            }
        }
        chain.doFilter(request, response);
    }

    /**
     * Vaadin names a heartbeat in the query string ({@code ?v-r=heartbeat}). Only the query string is
     * read: {@code getParameter} would parse a form body of any size, the merchant API's included.
     */
    static boolean isHeartbeat(HttpServletRequest request) {
        String query = request.getQueryString();
        if (query == null) {
            return false;
        }
        for (String pair : query.split("&")) {
            if (pair.equals("v-r=heartbeat")) {
                return true;
            }
        }
        return false;
    }

    private static SignedInUser signedInUser(HttpSession session) {
        if (session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY)
                        instanceof SecurityContext context
                && context.getAuthentication() != null
                && context.getAuthentication().getPrincipal() instanceof SignedInUser user) {
            return user;
        }
        return null;
    }

    private void auditTimeout(SignedInUser user, String clientIp) {
        if (user == null) {
            return;
        }
        try {
            events.publishEvent(new AuditEvent(
                    user.username(), "SESSION_TIMEOUT", user.username(), AuditEvent.Outcome.SUCCESS, clientIp, null));
        } catch (RuntimeException e) {
            log.error("Could not audit the idle timeout of {}; the session has ended", user.username(), e);
        }
    }
}
