package com.safepay.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import java.lang.annotation.Annotation;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.util.ClassUtils;

/** Deny by default: every view, layout and error view says who may open it. */
class AccessAnnotationsTest {

    private static final List<Class<? extends Annotation>> ACCESS =
            List.of(RolesAllowed.class, PermitAll.class, AnonymousAllowed.class, DenyAll.class);

    private static Set<Class<?>> scan() {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Route.class));
        scanner.addIncludeFilter(new AnnotationTypeFilter(Layout.class));
        scanner.addIncludeFilter(new AssignableTypeFilter(HasErrorParameter.class));
        return scanner.findCandidateComponents("com.safepay").stream()
                .map(definition -> ClassUtils.resolveClassName(definition.getBeanClassName(), null))
                .collect(java.util.stream.Collectors.toSet());
    }

    @Test
    void the_scan_finds_the_views() {
        assertThat(scan()).extracting(Class::getSimpleName).contains("LoginView", "MainLayout", "UsersView");
    }

    @Test
    void every_view_layout_and_error_view_carries_exactly_one_access_annotation() {
        for (Class<?> view : scan()) {
            long annotations = ACCESS.stream().filter(view::isAnnotationPresent).count();
            assertThat(annotations)
                    .as(
                            "%s must carry exactly one of @RolesAllowed, @PermitAll, @AnonymousAllowed, @DenyAll",
                            view.getName())
                    .isEqualTo(1);
        }
    }

    @Test
    void only_the_sign_in_page_error_pages_and_the_buyers_cashier_are_open_to_anonymous_users() {
        Stream<String> anonymous = scan().stream()
                .filter(view -> view.isAnnotationPresent(AnonymousAllowed.class))
                .map(Class::getSimpleName);
        // The cashier pages sign buyers in themselves; they are not back-office users.
        assertThat(anonymous)
                .allMatch(name -> name.equals("LoginView")
                        || name.endsWith("DeniedView")
                        || name.equals("CashierView")
                        || name.equals("PurchasesView"));
    }
}
