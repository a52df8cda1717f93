package com.safepay.security.ui;

import com.safepay.security.AuditLog;
import com.safepay.security.AuditRecord;
import com.safepay.shared.AuditEvent;
import com.safepay.shared.CurrentUser;
import com.safepay.shared.Role;
import com.safepay.shared.ui.Badge;
import com.safepay.shared.ui.ClientAddress;
import com.safepay.shared.ui.DateTimes;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.ZoneId;
import org.springframework.data.domain.PageRequest;

/** ADMIN: the audit log, newest first, paged from the database. */
@Route("admin/audit")
@Menu(title = "nav.audit", order = 110, icon = "vaadin:clipboard-text")
@RolesAllowed(Role.ADMIN_NAME)
public class AuditLogView extends VerticalLayout implements HasDynamicTitle {

    public AuditLogView(AuditLog auditLog, CurrentUser currentUser) {
        addClassName("sp-page");
        setSizeFull();
        ZoneId zone = currentUser.require().zone();

        TextField filter = new TextField();
        filter.setPlaceholder(getTranslation("audit.filter"));
        filter.setClearButtonVisible(true);
        filter.setValueChangeMode(ValueChangeMode.LAZY);

        Grid<AuditRecord> grid = new Grid<>(AuditRecord.class, false);
        // long targets and details wrap instead of being cut
        grid.addThemeVariants(
                GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.addColumn(r -> DateTimes.format(r.occurredAt(), zone))
                .setHeader(getTranslation("audit.time"))
                .setAutoWidth(true)
                .setFlexGrow(0);
        // Fixed, wrapping widths instead of auto widths: an auto width follows the longest text of the
        // first page ("Receipt confirmed automatically") and pushed 说明 off-screen at 1280 px.
        grid.addColumn(AuditRecord::actor)
                .setHeader(getTranslation("audit.actor"))
                .setTooltipGenerator(AuditRecord::actor)
                .setWidth("7rem")
                .setFlexGrow(0);
        grid.addColumn(r -> actionLabel(r.action()))
                .setHeader(getTranslation("audit.action"))
                .setWidth("8rem")
                .setFlexGrow(0);
        grid.addColumn(AuditRecord::target)
                .setHeader(getTranslation("audit.target"))
                .setTooltipGenerator(AuditRecord::target)
                .setWidth("9rem")
                .setFlexGrow(0);
        grid.addComponentColumn(r -> new Badge(
                        getTranslation("audit.outcome." + r.outcome().name()),
                        r.outcome() == AuditEvent.Outcome.SUCCESS ? "success" : "error"))
                .setHeader(getTranslation("audit.outcome"))
                .setWidth("6rem")
                .setFlexGrow(0);
        grid.addColumn(r -> ClientAddress.display(r.clientIp(), getTranslation("ip.local")))
                .setHeader(getTranslation("audit.ip"))
                .setWidth("7rem")
                .setFlexGrow(0);
        AuditDetailText detail = new AuditDetailText(this::getTranslation, zone);
        grid.addColumn(detail::of)
                .setHeader(getTranslation("audit.detail"))
                .setWidth("10rem")
                .setFlexGrow(1);
        grid.setItems(query ->
                auditLog.search(filter.getValue(), PageRequest.of(query.getPage(), query.getPageSize())).stream());
        filter.addValueChangeListener(e -> grid.getDataProvider().refreshAll());
        add(filter, grid);
        setFlexGrow(1, grid);
    }

    /** Known actions read as words; a code without a translation is shown as it is. */
    private String actionLabel(String action) {
        String key = "audit.action." + action;
        String label = getTranslation(key);
        return label.contains(key) ? action : label;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.audit");
    }
}
