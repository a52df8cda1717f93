/**
 * Asynchronous merchant notifications: an outbox written with the change that causes it, signed
 * delivery with retries on a schedule, the attempt log and the monitor view.
 */
@ApplicationModule(displayName = "Notifications")
package com.safepay.notification;

import org.springframework.modulith.ApplicationModule;
