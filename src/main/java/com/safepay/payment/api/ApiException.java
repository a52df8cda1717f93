package com.safepay.payment.api;

/** A request the API refuses; carries the answer. */
class ApiException extends RuntimeException {

    final ApiError error;

    ApiException(ApiError error, String subMsg) {
        super(subMsg);
        this.error = error;
    }
}
