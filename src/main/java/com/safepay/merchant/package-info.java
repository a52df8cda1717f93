/** Merchants: merchant no, seller account, status, time zone, real-name verification; the account overview view. */
@ApplicationModule(displayName = "Merchants")
package com.safepay.merchant;

import org.springframework.modulith.ApplicationModule;
