package dev.flagbench.core.mock;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import io.netty.util.NetUtil;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import javax.net.ssl.SSLContext;

/**
 * A certificate made at start-up (a throw-away root and the server's certificate it signs), the server's TLS context,
 * and a client context trusting only that root.
 */
final class SelfSignedTls {
    private final X509Bundle root;
    private final SslContext server;

    private SelfSignedTls(X509Bundle root, SslContext server) {
        this.root = root;
        this.server = server;
    }

    /** A certificate for localhost, 127.0.0.1, ::1 and {@code host}, valid from yesterday for 30 days; nothing on disk. */
    static SelfSignedTls generate(String host) throws IOException {
        try {
            Instant now = Instant.now();
            CertificateBuilder template = new CertificateBuilder()
                    .ecp256()
                    .notBefore(now.minus(Duration.ofDays(1)))
                    .notAfter(now.plus(Duration.ofDays(30)));
            X509Bundle root = template.copy()
                    .subject("CN=flagbench mock server root")
                    .setIsCertificateAuthority(true)
                    .buildSelfSigned();
            CertificateBuilder leaf = template.copy()
                    .subject("CN=flagbench mock server")
                    .addExtendedKeyUsageServerAuth()
                    .addSanDnsName("localhost")
                    .addSanIpAddress("127.0.0.1")
                    .addSanIpAddress("::1");
            if (NetUtil.isValidIpV4Address(host) || NetUtil.isValidIpV6Address(host)) {
                leaf.addSanIpAddress(host);
            } else if (!"localhost".equals(host)) {
                leaf.addSanDnsName(host);
            }
            X509Bundle bundle = leaf.buildIssuedBy(root);
            SslContext server = SslContextBuilder
                    .forServer(bundle.getKeyPair().getPrivate(), bundle.getCertificatePath())
                    .sslProvider(SslProvider.JDK)
                    .build();
            return new SelfSignedTls(root, server);
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("cannot generate the mock server's self-signed certificate: " + e, e);
        }
    }

    SslHandler newHandler(ByteBufAllocator alloc) {
        return server.newHandler(alloc);
    }

    /** A client context whose only trusted certificate is this server's root. */
    SSLContext clientContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, root.toTrustManagerFactory().getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a client TLS context", e);
        }
    }

    /** The root certificate in PEM, for clients in other processes. */
    String certificatePem() {
        return root.getCertificatePEM();
    }
}
