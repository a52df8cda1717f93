package com.safepay.payment.api;

import com.safepay.merchant.PlatformKeys;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** The API's answers: flat JSON objects of strings, each signed with SafePay's key, errors included. */
@Component
class ApiResponses {

    private static final MediaType JSON = new MediaType("application", "json", StandardCharsets.UTF_8);

    private final PlatformKeys platformKeys;
    private final JsonMapper json;

    ApiResponses(PlatformKeys platformKeys, JsonMapper json) {
        this.platformKeys = platformKeys;
        this.json = json;
    }

    ResponseEntity<String> error(ApiError error, String subMsg) {
        return signed(ResponseEntity.status(error.httpStatus), errorFields(error, subMsg));
    }

    /** The fields without a value left out (as the contract says), then signed. */
    ResponseEntity<String> signed(ResponseEntity.BodyBuilder answer, Map<String, String> fields) {
        fields.values().removeIf(value -> value == null || value.isEmpty());
        fields.put("sign", platformKeys.sign(fields));
        return answer.contentType(JSON).body(json.writeValueAsString(fields));
    }

    static Map<String, String> errorFields(ApiError error, String subMsg) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("code", error.code);
        fields.put("msg", error.msg);
        fields.put("sub_code", error.name());
        fields.put("sub_msg", subMsg);
        return fields;
    }
}
