package com.safepay.payment.api;

/** Every error the merchant API answers, with its code, HTTP status and sub_code (merchant-api.md). */
enum ApiError {
    MISSING_PARAMETER("40001", 400, "Missing Required Arguments"),
    INVALID_PARAMETER("40002", 400, "Invalid Arguments"),
    INVALID_AMOUNT("40002", 400, "Invalid Arguments"),
    INVALID_TIMESTAMP("40002", 400, "Invalid Arguments"),
    TIMESTAMP_EXPIRED("40002", 400, "Invalid Arguments"),
    UNSUPPORTED_SIGN_TYPE("40002", 400, "Invalid Arguments"),
    INVALID_NOTIFY_URL("40002", 400, "Invalid Arguments"),
    REQUEST_TOO_LARGE("40002", 413, "Invalid Arguments"),
    // Not in the contract's table (1.1): the answers to a wrong method and to a path without an endpoint.
    METHOD_NOT_ALLOWED("40002", 405, "Invalid Arguments"),
    UNKNOWN_ENDPOINT("40004", 404, "Business Failed"),
    INVALID_SIGNATURE("40003", 400, "Invalid Signature"),
    MERCHANT_NOT_FOUND("40006", 403, "Insufficient Permissions"),
    MERCHANT_DISABLED("40006", 403, "Insufficient Permissions"),
    NO_MERCHANT_KEY("40006", 403, "Insufficient Permissions"),
    TRADE_NOT_EXIST("40004", 404, "Business Failed"),
    REFUND_NOT_EXIST("40004", 404, "Business Failed"),
    TRADE_STATUS_ERROR("40004", 409, "Business Failed"),
    ORDER_NO_CONFLICT("40004", 409, "Business Failed"),
    REQUEST_NO_CONFLICT("40004", 409, "Business Failed"),
    REFUND_AMOUNT_EXCEEDED("40004", 409, "Business Failed"),
    MERCHANT_QUOTA_EXCEEDED("40004", 409, "Business Failed"),
    INSUFFICIENT_MERCHANT_BALANCE("40004", 409, "Business Failed"),
    SERVICE_UNAVAILABLE("20000", 503, "Service Currently Unavailable");

    final String code;
    final int httpStatus;
    final String msg;

    ApiError(String code, int httpStatus, String msg) {
        this.code = code;
        this.httpStatus = httpStatus;
        this.msg = msg;
    }
}
