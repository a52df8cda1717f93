package com.safepay.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param password the one password of every demo login
 * @param trades trades to create for the first merchant (the second gets a fifteenth)
 * @param seedInBackground create the trades after start-up, while the app is already usable
 * @param keyDir where the demo merchants' private keys are written
 */
@ConfigurationProperties("safepay.demo")
record DemoProperties(boolean enabled, String password, int trades, boolean seedInBackground, String keyDir) {}
