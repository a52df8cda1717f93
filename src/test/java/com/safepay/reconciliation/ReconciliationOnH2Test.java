package com.safepay.reconciliation;

import com.safepay.support.H2IntegrationTest;

@H2IntegrationTest
class ReconciliationOnH2Test extends ReconciliationContract {}
