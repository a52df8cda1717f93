package com.safepay.security;

import org.springframework.data.jpa.repository.JpaRepository;

interface UnknownLoginAttemptRepository extends JpaRepository<UnknownLoginAttempt, String> {}
