package com.safepay.security;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Wraps the sign-in's collaborators so that tests can see what a sign-in does, or make it fail. */
@TestConfiguration(proxyBeanMethods = false)
class SignInTestDoubles {

    @Bean
    @Primary
    CountingPasswordEncoder countingPasswordEncoder(@Qualifier("passwordEncoder") PasswordEncoder real) {
        return new CountingPasswordEncoder(real);
    }

    @Bean
    UserStoreFault userStoreFault() {
        return new UserStoreFault();
    }

    @Bean
    @Primary
    AppUserRepository faultyAppUserRepository(
            @Qualifier("appUserRepository") AppUserRepository real, UserStoreFault fault) {
        return fault.around(real);
    }
}
