package dev.flagbench.core.mock;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code POST /__stats/reset} only from the harness: it must carry the token header (which a web page cannot send
 * without a CORS preflight), no Origin, a Host that is an address, and the server's token when it has one.
 */
class StatsResetGuardTest {

    /** Sends {@code headers} with a reset over a raw socket (Host and Origin as a browser would set them). */
    private static String reset(MockServer server, String headers) throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.baseUrl().getPort())) {
            OutputStream out = s.getOutputStream();
            out.write(("POST /__stats/reset HTTP/1.1\r\n" + headers.replace(";", "\r\n") + "\r\nContent-Length: 0\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Host: 127.0.0.1                                                       | | 403 | header is missing",
            "Host: 127.0.0.1;X-Flagbench-Token: x;Origin: https://evil.example     | | 403 | Origin https://evil.example",
            "Host: evil.example:80;X-Flagbench-Token: x                            | | 403 | Host evil.example:80",
            "Host: 127.0.0.1;X-Flagbench-Token: wrong                              | s3cret | 403 | does not match",
            "Host: 127.0.0.1:1;X-Flagbench-Token: s3cret                           | s3cret | 200 | totalRequests",
            "Host: localhost;X-Flagbench-Token: anything                           | | 200 | totalRequests",
            "Host: [::1]:8000;X-Flagbench-Token: anything                          | | 200 | totalRequests",
    })
    void statsReset_isRefusedUnlessItComesFromTheHarness(String headers, String token, int status, String says)
            throws Exception {
        try (MockServer server = MockServer.start(MockServerConfig.loopback(FaultProfile.NONE).withResetToken(token))) {
            try (Socket s = new Socket("127.0.0.1", server.baseUrl().getPort());
                 OutputStream out = s.getOutputStream()) {
                out.write("GET /flags/fr/fr.gif HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                s.getInputStream().readAllBytes();
            }

            String answer = reset(server, headers);

            assertThat(answer).as("the status").startsWith("HTTP/1.1 " + status).as("and why").contains(says);
            assertThat(server.stats().totalRequests()).as("the counters are zeroed only by an accepted reset")
                    .isEqualTo(status == 200 ? 0 : 1);
        }
    }
}
