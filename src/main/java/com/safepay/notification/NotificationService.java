package com.safepay.notification;

import com.safepay.shared.AuditDetail;
import com.safepay.shared.AuditEvent;
import com.safepay.shared.CurrentUser;
import com.safepay.shared.CurrentUser.SignedInUser;
import com.safepay.shared.Role;
import jakarta.annotation.security.RolesAllowed;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The notification monitor: merchants see and resend their own notifications, admins all of them.
 * Every resend is audited.
 */
@Service
@EnableConfigurationProperties(NotificationProperties.class)
public class NotificationService {

    /**
     * A search of the log.
     *
     * @param status {@code null} for every status
     * @param tradeNo exact trade no, or {@code null}
     * @param from created at or after, or {@code null}
     * @param to created before, or {@code null}
     */
    public record Filter(NotificationStatus status, String tradeNo, Instant from, Instant to) {}

    private final JdbcClient jdbc;
    private final CurrentUser currentUser;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    NotificationService(JdbcClient jdbc, CurrentUser currentUser, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.currentUser = currentUser;
        this.events = events;
        this.clock = clock;
    }

    @RolesAllowed({Role.MERCHANT_NAME, Role.ADMIN_NAME})
    @Transactional(readOnly = true)
    public List<Notification> search(Filter filter, int offset, int limit) {
        List<Object> params = new ArrayList<>();
        String where = where(filter, params);
        params.add(limit);
        params.add(offset);
        return jdbc.sql("select " + COLUMNS + " from notification" + where
                        + " order by created_at desc, id desc limit ? offset ?")
                .params(params)
                .query(NotificationService::notification)
                .list();
    }

    @RolesAllowed({Role.MERCHANT_NAME, Role.ADMIN_NAME})
    @Transactional(readOnly = true)
    public long count(Filter filter) {
        List<Object> params = new ArrayList<>();
        String where = where(filter, params);
        return jdbc.sql("select count(*) from notification" + where)
                .params(params)
                .query(Long.class)
                .single();
    }

    @RolesAllowed({Role.MERCHANT_NAME, Role.ADMIN_NAME})
    @Transactional(readOnly = true)
    public List<Attempt> attempts(long notificationId) {
        requireVisible(notificationId);
        return jdbc.sql("""
                        select id, attempt_no, started_at, latency_ms, http_status, succeeded, response_excerpt, error
                        from notification_attempt where notification_id = ? order by attempt_no""")
                .param(notificationId)
                .query((rs, n) -> new Attempt(
                        rs.getLong(1),
                        rs.getInt(2),
                        rs.getTimestamp(3).toInstant(),
                        rs.getLong(4),
                        (Integer) rs.getObject(5),
                        rs.getBoolean(6),
                        rs.getString(7),
                        rs.getString(8)))
                .list();
    }

    /** The notifications of one trade, for the trade detail; merchants see only their own. */
    @RolesAllowed({Role.MERCHANT_NAME, Role.FINANCE_NAME, Role.ADMIN_NAME})
    @Transactional(readOnly = true)
    public List<Notification> forTrade(String tradeNo) {
        SignedInUser user = currentUser.require();
        List<Object> params = new ArrayList<>(List.of(tradeNo));
        String scope = "";
        if (user.role() != Role.ADMIN) {
            scope = " and merchant_id = ?";
            params.add(user.merchantId());
        }
        return jdbc.sql("select " + COLUMNS + " from notification where trade_no = ?" + scope + " order by id")
                .params(params)
                .query(NotificationService::notification)
                .list();
    }

    /**
     * Sends a notification once more, now, whatever its status: one extra send beyond the schedule.
     * The caller triggers dispatch; the scheduled dispatcher would pick it up within a second anyway.
     */
    @RolesAllowed({Role.MERCHANT_NAME, Role.ADMIN_NAME})
    @Transactional
    public void resend(long notificationId) {
        Notification notification = requireVisible(notificationId);
        jdbc.sql("""
                        update notification set status = 'PENDING', max_attempts = attempts + 1, next_attempt_at = ?
                        where id = ? and (status <> 'PENDING' or next_attempt_at > ?)""")
                .params(Timestamp.from(clock.instant()), notificationId, Timestamp.from(clock.instant()))
                .update();
        audit(
                "NOTIFICATION_RESEND",
                notification.notifyId(),
                AuditDetail.of("audit.detail.notificationTrade", notification.tradeNo()));
    }

    /** ADMIN: resends every failed notification created at or after {@code since}. @return how many */
    @RolesAllowed(Role.ADMIN_NAME)
    @Transactional
    public int resendAllFailedSince(Instant since) {
        int count = jdbc.sql("""
                        update notification set status = 'PENDING', max_attempts = attempts + 1, next_attempt_at = ?
                        where status = 'FAILED' and created_at >= ?""")
                .params(Timestamp.from(clock.instant()), Timestamp.from(since))
                .update();
        audit(
                "NOTIFICATION_RESEND_ALL_FAILED",
                "",
                AuditDetail.of("audit.detail.resendAllFailed", count, AuditDetail.time(since)));
        return count;
    }

    private void audit(String action, String target, AuditDetail detail) {
        events.publishEvent(new AuditEvent(
                currentUser.require().username(), action, target, AuditEvent.Outcome.SUCCESS, null, detail));
    }

    private Notification requireVisible(long notificationId) {
        SignedInUser user = currentUser.require();
        Notification notification = jdbc.sql("select " + COLUMNS + " from notification where id = ?")
                .param(notificationId)
                .query(NotificationService::notification)
                .optional()
                .filter(n -> user.role() == Role.ADMIN
                        || Long.valueOf(n.merchantId()).equals(user.merchantId()))
                .orElseThrow(() -> new IllegalArgumentException("No such notification"));
        return notification;
    }

    private String where(Filter filter, List<Object> params) {
        SignedInUser user = currentUser.require();
        StringBuilder where = new StringBuilder(" where 1 = 1");
        if (user.role() != Role.ADMIN) {
            where.append(" and merchant_id = ?");
            params.add(user.merchantId());
        }
        if (filter.status() != null) {
            where.append(" and status = ?");
            params.add(filter.status().name());
        }
        if (filter.tradeNo() != null && !filter.tradeNo().isBlank()) {
            where.append(" and trade_no = ?");
            params.add(filter.tradeNo().strip());
        }
        if (filter.from() != null) {
            where.append(" and created_at >= ?");
            params.add(Timestamp.from(filter.from()));
        }
        if (filter.to() != null) {
            where.append(" and created_at < ?");
            params.add(Timestamp.from(filter.to()));
        }
        return where.toString();
    }

    private static final String COLUMNS = """
            id, notify_id, merchant_id, trade_no, notify_type, event_kind, notify_url, status, attempts, max_attempts,
            next_attempt_at, created_at, last_attempt_at, succeeded_at""";

    private static Notification notification(ResultSet rs, int n) throws SQLException {
        return new Notification(
                rs.getLong(1),
                rs.getString(2),
                rs.getLong(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                NotificationStatus.valueOf(rs.getString(8)),
                rs.getInt(9),
                rs.getInt(10),
                instant(rs, 11),
                instant(rs, 12),
                instant(rs, 13),
                instant(rs, 14));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
