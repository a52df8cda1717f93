package com.safepay.security;

import com.safepay.security.ui.LoginView;
import com.safepay.shared.AuditEvent;
import com.safepay.shared.CurrentUser.SignedInUser;
import com.vaadin.flow.spring.security.RequestUtil;
import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer.AuthorizedUrl;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.ExceptionMappingAuthenticationFailureHandler;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

@Configuration
@EnableWebSecurity
@EnableMethodSecurity(jsr250Enabled = true)
@EnableConfigurationProperties(SecurityProperties.class)
class SecurityConfiguration {

    /**
     * Vaadin needs inline scripts and styles for its bootstrap; everything else comes from this origin.
     * No page of SafePay may be framed (clickjacking on the cashier and the back office).
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; "
            + "script-src 'self' 'unsafe-inline' 'unsafe-eval'; "
            + "style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data: blob:; "
            + "font-src 'self' data:; "
            + "connect-src 'self'; "
            + "object-src 'none'; "
            + "base-uri 'self'; "
            + "frame-ancestors 'none'";

    /**
     * The merchant API authenticates every request by its RSA2 signature (checked in the controller):
     * no session, no CSRF token, no login page.
     */
    @Bean
    @Order(1)
    SecurityFilterChain merchantApiSecurity(HttpSecurity http) throws Exception {
        return http.securityMatcher("/api/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .headers(headers -> headers.contentSecurityPolicy(
                        csp -> csp.policyDirectives("default-src 'none'; frame-ancestors 'none'")))
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain backOfficeSecurity(HttpSecurity http, LogoutHandler auditLogout, RequestUtil vaadinRequests)
            throws Exception {
        http.headers(headers -> {
            // Vaadin writes some pages without committing through Spring's wrapper: write up front.
            headers.addObjectPostProcessor(new ObjectPostProcessor<HeaderWriterFilter>() {
                @Override
                public <O extends HeaderWriterFilter> O postProcess(O filter) {
                    filter.setShouldWriteHeadersEagerly(true);
                    return filter;
                }
            });
            headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                    .contentTypeOptions(options -> {})
                    .frameOptions(frame -> frame.deny())
                    .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN));
        });
        // The global stylesheet is needed by the sign-in page too; the cashier's return hop to the
        // merchant only reveals a signed result; the demo shop exists in the demo profile only.
        http.authorizeHttpRequests(
                requests -> requests.requestMatchers("/styles/**", "/cashier/return/**", "/demo-shop/**")
                        .permitAll());
        // CSRF tokens everywhere but for two kinds of request. The demo's sandbox notify receiver is called
        // server to server, like a merchant's notify_url, and checks SafePay's signature instead. Vaadin's
        // internal requests carry Vaadin's own token. The sign-in POST is not exempt: Vaadin's own CSRF
        // set-up exempted it (switched off below), so another site could sign a visitor in to an account
        // of its choosing (login CSRF); Vaadin's login form sends the token of the page's meta tags.
        http.csrf(csrf -> csrf.ignoringRequestMatchers(
                PathPatternRequestMatcher.withDefaults().matcher("/demo-shop/notify"),
                vaadinRequests::isFrameworkInternalRequest));
        // A sign-in that fails for a server fault (database down) must not look like a wrong password.
        // The page is named here as well as by Vaadin below: this runs first, and a form login without
        // a page of its own would switch on Spring's generated sign-in page.
        http.formLogin(form -> form.loginPage("/login").failureHandler(signInFailures()));
        // A new session id at sign-in: a session id planted before login is worthless afterwards.
        http.sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId()));
        return http.with(VaadinSecurityConfigurer.vaadin(), vaadin -> {
                    vaadin.loginView(LoginView.class);
                    vaadin.enableCsrfConfiguration(false);
                    // An address that is no route reaches Vaadin for a signed-in user, whose not-found view
                    // answers 404 inside the shell; Vaadin's default would deny it with a bare 403.
                    vaadin.anyRequest(AuthorizedUrl::authenticated);
                    vaadin.addLogoutHandler(auditLogout);
                })
                .build();
    }

    /** Wrong credentials, locked and disabled accounts go to {@code ?error}; server faults to {@code ?unavailable}. */
    private static AuthenticationFailureHandler signInFailures() {
        var handler = new ExceptionMappingAuthenticationFailureHandler();
        handler.setDefaultFailureUrl("/login?error");
        handler.setExceptionMappings(
                Map.of(InternalAuthenticationServiceException.class.getName(), "/login?unavailable"));
        return handler;
    }

    /** Runs before Spring Security, so that a session ended for idleness is anonymous at once. */
    @Bean
    FilterRegistrationBean<IdleSessionFilter> idleSessionFilter(
            Clock clock,
            ApplicationEventPublisher events,
            @Value("${server.servlet.session.timeout}") Duration timeout) {
        var registration = new FilterRegistrationBean<>(new IdleSessionFilter(clock, timeout, events));
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 10);
        return registration;
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        // bcrypt, with the {id} prefix so that the algorithm can change later without a migration
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    LogoutHandler auditLogout(ApplicationEventPublisher events) {
        return (request, response, authentication) -> {
            if (authentication != null && authentication.getPrincipal() instanceof SignedInUser user) {
                events.publishEvent(new AuditEvent(
                        user.username(),
                        "LOGOUT",
                        user.username(),
                        AuditEvent.Outcome.SUCCESS,
                        request.getRemoteAddr(),
                        null));
            }
        };
    }
}
