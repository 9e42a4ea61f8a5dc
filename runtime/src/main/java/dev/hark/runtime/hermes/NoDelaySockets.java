package dev.hark.runtime.hermes;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;

/**
 * Socket factories for Paho whose sockets send at once (TCP_NODELAY). Paho leaves Nagle's algorithm on,
 * so the second and third of the messages a command publishes in a burst (textCaptured, intentParsed,
 * the intent) waited for the acknowledgement of the first: measured, that put the intent on the bus
 * 4-30 ms after recognition on a loaded machine instead of under a millisecond more than a lone
 * message (docs/benchmarks/hermes.md).
 */
final class NoDelaySockets {
    private NoDelaySockets() {
    }

    /** Plain TCP. */
    static SocketFactory plain() {
        return new SocketFactory() {
            @Override
            public Socket createSocket() throws IOException {
                return noDelay(new Socket());
            }

            @Override
            public Socket createSocket(String host, int port) throws IOException {
                return noDelay(new Socket(host, port));
            }

            @Override
            public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
                return noDelay(new Socket(host, port, localHost, localPort));
            }

            @Override
            public Socket createSocket(InetAddress host, int port) throws IOException {
                return noDelay(new Socket(host, port));
            }

            @Override
            public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
                return noDelay(new Socket(address, port, localAddress, localPort));
            }
        };
    }

    /** TLS over {@code tls}'s sockets (Paho wants an SSLSocketFactory for ssl:// brokers). */
    static SSLSocketFactory tls(SSLSocketFactory tls) {
        return new SSLSocketFactory() {
            @Override
            public String[] getDefaultCipherSuites() {
                return tls.getDefaultCipherSuites();
            }

            @Override
            public String[] getSupportedCipherSuites() {
                return tls.getSupportedCipherSuites();
            }

            @Override
            public Socket createSocket() throws IOException {
                return noDelay(tls.createSocket());
            }

            @Override
            public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
                return noDelay(tls.createSocket(s, host, port, autoClose));
            }

            @Override
            public Socket createSocket(String host, int port) throws IOException {
                return noDelay(tls.createSocket(host, port));
            }

            @Override
            public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
                return noDelay(tls.createSocket(host, port, localHost, localPort));
            }

            @Override
            public Socket createSocket(InetAddress host, int port) throws IOException {
                return noDelay(tls.createSocket(host, port));
            }

            @Override
            public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
                return noDelay(tls.createSocket(address, port, localAddress, localPort));
            }
        };
    }

    private static Socket noDelay(Socket s) throws IOException {
        s.setTcpNoDelay(true);
        return s;
    }
}
