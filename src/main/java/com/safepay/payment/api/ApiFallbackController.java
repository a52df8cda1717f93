package com.safepay.payment.api;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every request under {@code /api/} that no endpoint takes: a path without an endpoint is 404
 * {@code UNKNOWN_ENDPOINT}, an endpoint asked with another method is 405 {@code METHOD_NOT_ALLOWED}
 * with {@code Allow}, both signed JSON. Without this mapping Vaadin's catch-all served such
 * requests its HTML page, and Spring's 405 went to the error page, which only the back office
 * (signed in) may see.
 */
@RestController
class ApiFallbackController {

    private final RequestMappingHandlerMapping mappings;
    private final ApiResponses responses;

    ApiFallbackController(
            @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings, ApiResponses responses) {
        this.mappings = mappings;
        this.responses = responses;
    }

    @RequestMapping("/api/**")
    ResponseEntity<String> noEndpoint(HttpServletRequest request) {
        Set<String> allowed = methodsOfEndpointsAt(request);
        if (allowed.isEmpty()) {
            return responses.error(ApiError.UNKNOWN_ENDPOINT, "No endpoint at this path");
        }
        return responses.signed(
                ResponseEntity.status(ApiError.METHOD_NOT_ALLOWED.httpStatus)
                        .allow(allowed.stream().map(HttpMethod::valueOf).toArray(HttpMethod[]::new)),
                ApiResponses.errorFields(
                        ApiError.METHOD_NOT_ALLOWED, "This endpoint takes " + String.join(", ", allowed)));
    }

    /** The methods of this package's endpoints whose path is the request's (none: no endpoint there). */
    private Set<String> methodsOfEndpointsAt(HttpServletRequest request) {
        Set<String> methods = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            if (handler.getBeanType() != ApiFallbackController.class
                    && handler.getBeanType().getPackage() == ApiFallbackController.class.getPackage()
                    && matchesPath(info, request)) {
                info.getMethodsCondition().getMethods().stream()
                        .map(RequestMethod::name)
                        .forEach(methods::add);
            }
        });
        return methods;
    }

    private static boolean matchesPath(RequestMappingInfo info, HttpServletRequest request) {
        return info.getPathPatternsCondition() != null
                && info.getPathPatternsCondition().getMatchingCondition(request) != null;
    }
}
