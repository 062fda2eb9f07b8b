package io.sreagent.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import javax.net.ServerSocketFactory;

/**
 * Server sockets whose accepted connections set {@code TCP_NODELAY}, for okhttp's MockWebServer: it writes an answer's
 * headers and body separately, and with Nagle on each answer waits for the client's delayed ACK (about 40 ms a call
 * on Linux, measured; the Go servers it stands in for set the option themselves).
 */
final class NoDelaySockets extends ServerSocketFactory {

    /** A MockWebServer, not started, on these sockets. */
    static mockwebserver3.MockWebServer server() {
        mockwebserver3.MockWebServer s = new mockwebserver3.MockWebServer();
        s.setServerSocketFactory(new NoDelaySockets());
        return s;
    }

    @Override
    public ServerSocket createServerSocket() throws IOException {
        return new ServerSocket() {
            @Override
            public Socket accept() throws IOException {
                Socket s = super.accept();
                s.setTcpNoDelay(true);
                return s;
            }
        };
    }

    @Override
    public ServerSocket createServerSocket(int port) {
        throw new UnsupportedOperationException("MockWebServer binds an unbound socket");
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog) {
        throw new UnsupportedOperationException("MockWebServer binds an unbound socket");
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress address) {
        throw new UnsupportedOperationException("MockWebServer binds an unbound socket");
    }
}
