package com.safepay.security;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.security.crypto.password.PasswordEncoder;

/** The real encoder, with a record of the hashes each password check compared against. */
final class CountingPasswordEncoder implements PasswordEncoder {

    private final PasswordEncoder delegate;
    private final List<String> checkedHashes = new CopyOnWriteArrayList<>();

    CountingPasswordEncoder(PasswordEncoder delegate) {
        this.delegate = delegate;
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return delegate.encode(rawPassword);
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        checkedHashes.add(encodedPassword);
        return delegate.matches(rawPassword, encodedPassword);
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return delegate.upgradeEncoding(encodedPassword);
    }

    /** The hashes compared against since the last call, oldest first. */
    List<String> takeCheckedHashes() {
        List<String> taken = List.copyOf(checkedHashes);
        checkedHashes.clear();
        return taken;
    }
}
