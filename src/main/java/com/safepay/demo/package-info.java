/** Demo data for the {@code demo} profile: never active in production unless asked for. */
@ApplicationModule(displayName = "Demo data")
package com.safepay.demo;

import org.springframework.modulith.ApplicationModule;
