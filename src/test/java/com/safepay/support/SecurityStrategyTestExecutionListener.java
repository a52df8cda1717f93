package com.safepay.support;

import org.springframework.core.Ordered;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Vaadin installs its own security-context strategy in the JVM-wide {@link SecurityContextHolder}
 * when a Spring context starts. With several cached test contexts in one JVM the holder points at
 * the last one started; this puts back the strategy of the context the next test runs in.
 */
public class SecurityStrategyTestExecutionListener implements TestExecutionListener, Ordered {

    /** Before {@code @BeforeAll} set-up, which may call secured services too. */
    @Override
    public void beforeTestClass(TestContext testContext) {
        beforeTestMethod(testContext);
    }

    @Override
    public void beforeTestMethod(TestContext testContext) {
        testContext
                .getApplicationContext()
                .getBeanProvider(SecurityContextHolderStrategy.class)
                .ifAvailable(SecurityContextHolder::setContextHolderStrategy);
    }

    @Override
    public int getOrder() {
        // before Spring Security's WithSecurityContextTestExecutionListener (order 10000)
        return 5000;
    }
}
