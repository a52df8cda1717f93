package com.safepay.security;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

interface AuditEntryRepository extends JpaRepository<AuditEntry, Long> {

    Page<AuditEntry> findAllByOrderByIdDesc(Pageable pageable);

    Page<AuditEntry> findByActorContainingIgnoreCaseOrTargetContainingIgnoreCaseOrderByIdDesc(
            String actor, String target, Pageable pageable);
}
