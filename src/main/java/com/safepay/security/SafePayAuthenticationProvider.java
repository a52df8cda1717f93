package com.safepay.security;

import java.util.List;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/** Signs users in against the database through {@link SignInService}. */
@Component
class SafePayAuthenticationProvider implements AuthenticationProvider {

    private final SignInService signIn;

    SafePayAuthenticationProvider(SignInService signIn) {
        this.signIn = signIn;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String username = authentication.getName();
        String password = authentication.getCredentials() == null
                ? ""
                : authentication.getCredentials().toString();
        String clientIp = authentication.getDetails() instanceof WebAuthenticationDetails details
                ? details.getRemoteAddress()
                : null;
        SignInService.Attempt attempt;
        try {
            attempt = signIn.attempt(username, password, clientIp);
        } catch (RuntimeException fault) {
            // Spring Security treats this one as an error, not a refusal: it logs it with its cause
            // and the failure handler shows "unavailable" instead of "wrong password".
            throw new InternalAuthenticationServiceException("Sign-in failed for a server fault", fault);
        }
        return switch (attempt.result()) {
            case SUCCESS -> {
                var user = attempt.user();
                var token = UsernamePasswordAuthenticationToken.authenticated(
                        user,
                        null,
                        List.of(new SimpleGrantedAuthority(user.role().authority())));
                token.setDetails(authentication.getDetails());
                yield token;
            }
            case LOCKED -> throw new LockedException("Account locked");
            case DISABLED -> throw new DisabledException("Account disabled");
            case BAD_CREDENTIALS -> throw new BadCredentialsException("Bad credentials");
        };
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
