package dev.flagbench.core.mock;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One HTTP/1.1 response, status line, headers and body, encoded once into a direct buffer; each answer writes a
 * retained duplicate or slice of it, so serving costs no encoding and no copy.
 */
final class CannedResponse {
    private static final Map<Integer, String> REASONS = Map.of(
            200, "OK", 400, "Bad Request", 403, "Forbidden", 404, "Not Found", 405, "Method Not Allowed",
            418, "I'm a Teapot", 500, "Internal Server Error", 503, "Service Unavailable");

    private final int status;
    private final ByteBuf whole;
    private final int headerLength;
    private final int bodyLength;
    private final byte[] closingHeader;

    private CannedResponse(int status, String contentType, byte[] body, String extraHeaders) {
        this.status = status;
        this.bodyLength = body.length;
        String head = "HTTP/1.1 " + status + " " + reason(status) + "\r\ncontent-type: " + contentType
                + "\r\ncontent-length: " + body.length + "\r\n" + extraHeaders;
        byte[] header = (head + "\r\n").getBytes(StandardCharsets.US_ASCII);
        this.closingHeader = (head + "connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        this.headerLength = header.length;
        this.whole = Unpooled.directBuffer(header.length + body.length).writeBytes(header).writeBytes(body);
    }

    /** A response with {@code body}. */
    static CannedResponse of(int status, String contentType, byte[] body) {
        return new CannedResponse(status, contentType, body, "");
    }

    /** A short plain-text response naming the status: {@code 404 Not Found}. */
    static CannedResponse text(int status, String extraHeaders) {
        byte[] body = (status + " " + reason(status) + "\n").getBytes(StandardCharsets.US_ASCII);
        return new CannedResponse(status, "text/plain; charset=utf-8", body, extraHeaders);
    }

    /** A JSON response built per request (the stats), with or without {@code connection: close}. */
    static ByteBuf json(byte[] body, boolean close) {
        String head = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: " + body.length
                + "\r\ncache-control: no-store\r\n" + (close ? "connection: close\r\n" : "") + "\r\n";
        return Unpooled.wrappedBuffer(head.getBytes(StandardCharsets.US_ASCII), body);
    }

    /** A 403 whose plain-text body says why, built per request (a refused stats reset). */
    static ByteBuf forbidden(String why, boolean close) {
        byte[] body = ("403 Forbidden: " + why + "\n").getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 403 Forbidden\r\ncontent-type: text/plain; charset=utf-8\r\ncontent-length: " + body.length
                + "\r\ncache-control: no-store\r\n" + (close ? "connection: close\r\n" : "") + "\r\n";
        return Unpooled.wrappedBuffer(head.getBytes(StandardCharsets.US_ASCII), body);
    }

    static String reason(int status) {
        return REASONS.getOrDefault(status, "Status " + status);
    }

    int status() {
        return status;
    }

    int bodyLength() {
        return bodyLength;
    }

    /** The whole response, for a kept-alive connection. */
    ByteBuf keepAlive() {
        return whole.retainedDuplicate();
    }

    /** The status line and headers only, with {@code connection: close} if {@code close}. */
    ByteBuf header(boolean close) {
        return close ? Unpooled.wrappedBuffer(closingHeader) : whole.retainedSlice(0, headerLength);
    }

    /** {@code length} body bytes from {@code offset}. */
    ByteBuf body(int offset, int length) {
        return whole.retainedSlice(headerLength + offset, length);
    }

    /** Frees the buffer; answers still being written hold their own reference. */
    void release() {
        whole.release();
    }
}
