package com.safepay.security;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.dao.DataAccessResourceFailureException;

/** A switch that makes the user repository fail as if the database were down. */
final class UserStoreFault {

    private final AtomicBoolean down = new AtomicBoolean();

    /** Runs {@code work} with the database "down" for every call of the user repository. */
    void whileDown(Runnable work) {
        down.set(true);
        try {
            work.run();
        } finally {
            down.set(false);
        }
    }

    AppUserRepository around(AppUserRepository real) {
        return (AppUserRepository) Proxy.newProxyInstance(
                AppUserRepository.class.getClassLoader(),
                new Class<?>[] {AppUserRepository.class},
                (proxy, method, args) -> {
                    if (down.get()) {
                        throw new DataAccessResourceFailureException("Connection refused (test: database down)");
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
