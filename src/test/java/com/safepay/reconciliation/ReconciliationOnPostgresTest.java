package com.safepay.reconciliation;

import com.safepay.support.PostgresIntegrationTest;

@PostgresIntegrationTest
class ReconciliationOnPostgresTest extends ReconciliationContract {}
