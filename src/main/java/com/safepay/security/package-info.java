/**
 * Back-office users, sign-in with lockout, the security configuration, the audit log, and the
 * application shell (layout, navigation, language switch).
 */
@ApplicationModule(displayName = "Security")
package com.safepay.security;

import org.springframework.modulith.ApplicationModule;
