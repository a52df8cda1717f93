package com.safepay.notification;

public enum NotificationStatus {
    PENDING,
    SUCCEEDED,
    FAILED
}
