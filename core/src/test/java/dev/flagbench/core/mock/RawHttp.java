package dev.flagbench.core.mock;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A blocking socket client that writes raw requests and parses the responses, for what HttpClient hides. */
final class RawHttp implements AutoCloseable {
    /** One parsed response. */
    record Reply(int status, Map<String, String> headers, byte[] body) {
    }

    private final Socket socket;
    private final InputStream in;

    RawHttp(InetSocketAddress address) throws IOException {
        socket = new Socket();
        socket.connect(address, 5_000);
        socket.setSoTimeout(30_000);
        in = socket.getInputStream();
    }

    /** A GET request for {@code path}, HTTP/1.1, keep-alive. */
    static String get(String path) {
        return "GET " + path + " HTTP/1.1\r\nhost: 127.0.0.1\r\n\r\n";
    }

    void send(String requests) throws IOException {
        socket.getOutputStream().write(requests.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
    }

    /** Reads the next response whole. */
    Reply read() throws IOException {
        String statusLine = line();
        Map<String, String> headers = new LinkedHashMap<>();
        for (String h = line(); !h.isEmpty(); h = line()) {
            int colon = h.indexOf(':');
            headers.put(h.substring(0, colon).strip().toLowerCase(Locale.ROOT), h.substring(colon + 1).strip());
        }
        int length = Integer.parseInt(headers.get("content-length"));
        byte[] body = in.readNBytes(length);
        if (body.length != length) {
            throw new IOException("EOF after " + body.length + " of " + length + " body bytes");
        }
        return new Reply(Integer.parseInt(statusLine.split(" ")[1]), headers, body);
    }

    /** Reads {@code n} responses. */
    List<Reply> read(int n) throws IOException {
        List<Reply> replies = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            replies.add(read());
        }
        return replies;
    }

    /** -1 if the server closed the connection cleanly; throws if it reset it. */
    int readByte() throws IOException {
        return in.read();
    }

    private String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("EOF in the response head");
            }
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
