package com.safepay.security;

import com.safepay.support.H2IntegrationTest;

@H2IntegrationTest
class SignInOnH2Test extends SignInContract {}
