package com.safepay.merchant;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface MerchantRepository extends JpaRepository<Merchant, Long> {

    Optional<Merchant> findByMerchantNo(String merchantNo);
}
