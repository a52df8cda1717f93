package com.safepay.security;

import com.safepay.support.PostgresIntegrationTest;

@PostgresIntegrationTest
class SignInOnPostgresTest extends SignInContract {}
