package com.safepay.payment.api;

import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;

/**
 * A request's body under the contract's limits (merchant-api.md 1.1): {@code application/json} in
 * UTF-8, at most 64 KB. The body is read here rather than by a message converter so that no more than
 * the limit and one byte is ever read, and a declared length over the limit not at all.
 */
final class ApiBody {

    static final int MAX_BYTES = 65_536;

    private ApiBody() {}

    static String read(HttpServletRequest request) {
        if (request.getContentLengthLong() > MAX_BYTES) {
            throw tooLarge();
        }
        checkContentType(request.getContentType());
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try (InputStream in = request.getInputStream()) {
            byte[] chunk = new byte[8192];
            int remaining = MAX_BYTES + 1;
            int read;
            // Never a read of 0 bytes (as InputStream.readNBytes makes once it has all it asked for):
            // Tomcat's waits for more of the body, which a client over the limit may never send.
            while (remaining > 0 && (read = in.read(chunk, 0, Math.min(chunk.length, remaining))) >= 0) {
                body.write(chunk, 0, read);
                remaining -= read;
            }
        } catch (IOException e) {
            throw new ApiException(ApiError.INVALID_PARAMETER, "The body could not be read");
        }
        if (body.size() > MAX_BYTES) {
            throw tooLarge();
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(ByteBuffer.wrap(body.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ApiException(ApiError.INVALID_PARAMETER, "The body is not UTF-8");
        }
    }

    private static void checkContentType(String header) {
        MediaType type;
        try {
            type = header == null ? null : MediaType.parseMediaType(header);
        } catch (IllegalArgumentException e) {
            type = null;
        }
        if (type == null || !MediaType.APPLICATION_JSON.equalsTypeAndSubtype(type)) {
            throw new ApiException(ApiError.INVALID_PARAMETER, "Content-Type must be application/json");
        }
        if (type.getCharset() != null && !StandardCharsets.UTF_8.equals(type.getCharset())) {
            throw new ApiException(ApiError.INVALID_PARAMETER, "The charset must be UTF-8");
        }
    }

    private static ApiException tooLarge() {
        return new ApiException(ApiError.REQUEST_TOO_LARGE, "The request body is larger than " + MAX_BYTES + " bytes");
    }
}
