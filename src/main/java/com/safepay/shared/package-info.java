/**
 * Building blocks every feature uses: {@link com.safepay.shared.Money}, the injected clock, the
 * signed-in user as seen by features, audit events, and small UI helpers under {@code ui}.
 */
@ApplicationModule(displayName = "Shared", type = ApplicationModule.Type.OPEN)
package com.safepay.shared;

import org.springframework.modulith.ApplicationModule;
