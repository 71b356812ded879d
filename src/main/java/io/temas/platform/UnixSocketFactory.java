package io.temas.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketImpl;
import java.net.SocketTimeoutException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.SocketFactory;

/**
 * Connects the PostgreSQL driver to the embedded server's Unix socket instead of its TCP port:
 * every statement is a round trip, and on the loopback interface each one also runs the kernel's
 * TCP path (segments, acknowledgements, congestion control) on both sides. The driver makes one
 * factory per connection from the connection's properties: {@code socketFactory} names this
 * class, {@code socketFactoryArg} the socket's path ({@link EmbeddedDatabase#socket()}); the
 * host and port of the URL are then not used.
 *
 * <p>The JDK speaks Unix sockets only through {@link SocketChannel}, so the driver gets a
 * {@link Socket} over a channel. A read blocks the way a channel read does (a virtual thread
 * parks, its carrier stays free); a read timeout ({@link Socket#setSoTimeout}, which the driver
 * uses to wait for notifications and for network timeouts) is a wait on a selector.
 */
public final class UnixSocketFactory extends SocketFactory {

    private final Path path;

    /** Called by the driver with {@code socketFactoryArg}. */
    public UnixSocketFactory(String path) {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("socketFactoryArg must name the server's Unix socket");
        }
        this.path = Path.of(path);
    }

    @Override
    public Socket createSocket() throws IOException {
        return new UnixSocket(path);
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected();
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected();
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected();
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return connected();
    }

    private Socket connected() throws IOException {
        Socket socket = createSocket();
        socket.connect(null);
        return socket;
    }

    /** A stream socket over a Unix socket channel; the TCP options the driver sets mean nothing here and are kept only to be read back. */
    static final class UnixSocket extends Socket {

        private final Path path;
        /** A ReentrantLock, not a monitor: a virtual thread waiting on a selector under a monitor would hold its carrier on JDK 21. */
        private final ReentrantLock lock = new ReentrantLock();
        private volatile SocketChannel channel;
        private volatile int timeout;
        private volatile boolean closed;
        private volatile Selector selector;
        private boolean noDelay;
        private boolean keepAlive;
        private int sendBuffer = 65_536;
        private int receiveBuffer = 65_536;

        UnixSocket(Path path) throws SocketException {
            super((SocketImpl) null);
            this.path = path;
        }

        /** Connects to the Unix socket, whatever address the driver passes. */
        @Override
        public void connect(SocketAddress ignored) throws IOException {
            connect(ignored, 0);
        }

        @Override
        public void connect(SocketAddress ignored, int timeoutMillis) throws IOException {
            lock.lock();
            try {
                if (closed) {
                    throw new SocketException("Socket is closed");
                }
                if (channel != null) {
                    throw new SocketException("Already connected");
                }
                channel = SocketChannel.open(UnixDomainSocketAddress.of(path));
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void bind(SocketAddress local) throws IOException {
            throw new SocketException("A Unix socket to the database takes no local address");
        }

        @Override
        public InputStream getInputStream() throws IOException {
            SocketChannel open = open();
            return new InputStream() {
                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    int n;
                    do {
                        n = read(one, 0, 1);
                    } while (n == 0);
                    return n < 0 ? -1 : one[0] & 0xff;
                }

                @Override
                public int read(byte[] bytes, int offset, int length) throws IOException {
                    java.util.Objects.checkFromIndexSize(offset, length, bytes.length);
                    if (length == 0) {
                        return 0;
                    }
                    ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
                    int millis = timeout;
                    return millis <= 0 ? open.read(buffer) : timedRead(open, buffer, millis);
                }

                @Override
                public void close() throws IOException {
                    UnixSocket.this.close();
                }
            };
        }

        @Override
        public OutputStream getOutputStream() throws IOException {
            SocketChannel open = open();
            return new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] bytes, int offset, int length) throws IOException {
                    java.util.Objects.checkFromIndexSize(offset, length, bytes.length);
                    ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
                    while (buffer.hasRemaining()) {
                        open.write(buffer);
                    }
                }

                @Override
                public void close() throws IOException {
                    UnixSocket.this.close();
                }
            };
        }

        /**
         * Reads what arrives within the timeout: the channel is switched to non-blocking for the wait on a selector and
         * back to blocking before it returns, so the driver's next untimed read and its writes block as usual. The driver
         * never reads and writes one connection from two threads at once.
         */
        private int timedRead(SocketChannel open, ByteBuffer buffer, int millis) throws IOException {
            lock.lock();
            try {
                open.configureBlocking(false);
                try {
                    int n = open.read(buffer);
                    if (n != 0) {
                        return n;
                    }
                    if (selector == null) {
                        selector = Selector.open();
                    }
                    SelectionKey key = open.register(selector, SelectionKey.OP_READ);
                    try {
                        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
                        while (true) {
                            long left = deadline - System.nanoTime();
                            if (left <= 0) {
                                throw new SocketTimeoutException("Read timed out after " + millis + " ms");
                            }
                            // select(0) would wait for ever.
                            selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                            n = open.read(buffer);
                            if (n != 0) {
                                return n;
                            }
                        }
                    } finally {
                        key.cancel();
                        // A cancelled key leaves the selector at its next selection; until then the channel cannot block again.
                        selector.selectNow();
                    }
                } finally {
                    if (open.isOpen()) {
                        open.configureBlocking(true);
                    }
                }
            } finally {
                lock.unlock();
            }
        }

        private SocketChannel open() throws SocketException {
            SocketChannel open = channel;
            if (closed) {
                throw new SocketException("Socket is closed");
            }
            if (open == null) {
                throw new SocketException("Socket is not connected");
            }
            return open;
        }

        /** Closes the channel; a timed read waiting on the selector is woken, fails as closed, and then the selector is closed. */
        @Override
        public void close() throws IOException {
            closed = true;
            SocketChannel open = channel;
            try {
                if (open != null) {
                    open.close();
                }
            } finally {
                Selector waiting = selector;
                if (waiting != null) {
                    waiting.wakeup();
                }
                lock.lock();
                try {
                    if (selector != null) {
                        selector.close();
                    }
                } finally {
                    lock.unlock();
                }
            }
        }

        @Override
        public void shutdownInput() throws IOException {
            open().shutdownInput();
        }

        @Override
        public void shutdownOutput() throws IOException {
            open().shutdownOutput();
        }

        @Override
        public boolean isConnected() {
            return channel != null;
        }

        @Override
        public boolean isBound() {
            return channel != null;
        }

        @Override
        public boolean isClosed() {
            return closed;
        }

        @Override
        public boolean isInputShutdown() {
            return closed;
        }

        @Override
        public boolean isOutputShutdown() {
            return closed;
        }

        @Override
        public void setSoTimeout(int timeout) throws SocketException {
            if (timeout < 0) {
                throw new IllegalArgumentException("timeout < 0");
            }
            this.timeout = timeout;
        }

        @Override
        public int getSoTimeout() {
            return timeout;
        }

        @Override
        public void setTcpNoDelay(boolean on) {
            noDelay = on;
        }

        @Override
        public boolean getTcpNoDelay() {
            return noDelay;
        }

        @Override
        public void setKeepAlive(boolean on) {
            keepAlive = on;
        }

        @Override
        public boolean getKeepAlive() {
            return keepAlive;
        }

        @Override
        public void setSendBufferSize(int size) {
            sendBuffer = size;
        }

        @Override
        public int getSendBufferSize() {
            return sendBuffer;
        }

        @Override
        public void setReceiveBufferSize(int size) {
            receiveBuffer = size;
        }

        @Override
        public int getReceiveBufferSize() {
            return receiveBuffer;
        }

        @Override
        public String toString() {
            return "UnixSocket[" + path + (closed ? ", closed" : channel == null ? ", unconnected" : "") + "]";
        }
    }
}
