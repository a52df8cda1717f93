package com.safepay.shared.jdbc;

import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Tells once, at start-up, which database SafePay runs on. */
@Configuration(proxyBeanMethods = false)
class DialectConfiguration {

    @Bean
    Dialect dialect(DataSource dataSource) {
        return Dialect.of(dataSource);
    }
}
