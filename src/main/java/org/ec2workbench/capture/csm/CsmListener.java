package org.ec2workbench.capture.csm;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.ec2workbench.capture.Attempt;
import org.ec2workbench.capture.AttemptClassifier;
import org.ec2workbench.capture.AttemptStore;

/**
 * Listens for Client-Side Monitoring datagrams on UDP (127.0.0.1:31000 by default) from any process —
 * AWS CLI, boto3, other SDKs with {@code AWS_CSM_ENABLED=true}, and the workbench's recorder jar — and
 * appends their attempts, grouped into calls, to an {@link AttemptStore}. Malformed datagrams are counted
 * and dropped. One daemon thread; {@link #close()} stops it.
 */
public final class CsmListener implements AutoCloseable {

    /** The CSM default port. */
    public static final int DEFAULT_PORT = 31000;

    private static final int POLL_MS = 100;
    private static final System.Logger LOG = System.getLogger(CsmListener.class.getName());

    private final DatagramSocket socket;
    private final CsmCallGrouper grouper;
    private final Consumer<Attempt> onAttempt;
    private final Thread thread;
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private volatile String lastMalformedReason;
    private volatile boolean closed;

    private CsmListener(DatagramSocket socket, AttemptStore store, Consumer<Attempt> onAttempt) {
        this.socket = socket;
        this.grouper = new CsmCallGrouper(store, AttemptClassifier.ec2());
        this.onAttempt = onAttempt;
        this.thread = new Thread(this::run, "csm-listener-" + socket.getLocalPort());
        this.thread.setDaemon(true);
    }

    /** Starts listening on 127.0.0.1:{@code port} (0 picks a free port). */
    public static CsmListener start(AttemptStore store, int port) throws SocketException {
        return start(store, InetAddress.getLoopbackAddress(), port, a -> { });
    }

    /**
     * Starts listening on {@code address:port}; {@code onAttempt} hears each attempt after it was stored
     * (on the listener thread, e.g. to append it to a session file).
     */
    public static CsmListener start(AttemptStore store, InetAddress address, int port, Consumer<Attempt> onAttempt)
            throws SocketException {
        Objects.requireNonNull(store, "store");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        DatagramSocket socket = new DatagramSocket(null);
        socket.setReceiveBufferSize(4 << 20);
        socket.bind(new InetSocketAddress(address, port));
        CsmListener listener = new CsmListener(socket, store, Objects.requireNonNull(onAttempt, "onAttempt"));
        listener.thread.start();
        return listener;
    }

    /** The port it listens on. */
    public int port() {
        return socket.getLocalPort();
    }

    /** Datagrams received, valid or not. */
    public long received() {
        return received.get();
    }

    /** Datagrams dropped as malformed. */
    public long malformed() {
        return malformed.get();
    }

    /** Why the last malformed datagram was dropped, or {@code null}. */
    public String lastMalformedReason() {
        return lastMalformedReason;
    }

    /** Attempt datagrams stored. */
    public long attempts() {
        synchronized (grouper) {
            return grouper.attempts();
        }
    }

    /** Call datagrams seen. */
    public long calls() {
        synchronized (grouper) {
            return grouper.calls();
        }
    }

    private void run() {
        byte[] buffer = new byte[65_536];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
            socket.setSoTimeout(POLL_MS);
        } catch (SocketException e) {
            LOG.log(Level.WARNING, "CSM listener cannot poll: " + e.getMessage());
        }
        while (true) {
            try {
                packet.setLength(buffer.length);
                socket.receive(packet);
            } catch (java.net.SocketTimeoutException e) {
                if (closed) {
                    return; // drained: nothing arrived within a poll interval after close()
                }
                continue;
            } catch (IOException e) {
                if (!closed) {
                    LOG.log(Level.WARNING, "CSM listener stopped: " + e.getMessage());
                }
                return;
            }
            received.incrementAndGet();
            handle(buffer, packet.getLength());
        }
    }

    private void handle(byte[] data, int length) {
        CsmDatagram datagram;
        try {
            datagram = CsmDatagram.parse(data, length);
        } catch (CsmDatagram.MalformedException e) {
            malformed.incrementAndGet();
            lastMalformedReason = e.getMessage();
            return;
        }
        Attempt attempt;
        try {
            synchronized (grouper) {
                attempt = grouper.accept(datagram);
            }
        } catch (RuntimeException e) {
            malformed.incrementAndGet();
            lastMalformedReason = e.getMessage();
            return;
        }
        if (attempt != null) {
            try {
                onAttempt.accept(attempt);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "CSM attempt consumer failed", e);
            }
        }
    }

    /** Stops listening after taking the datagrams already waiting in the socket's buffer. */
    @Override
    public void close() {
        closed = true;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        socket.close();
    }
}
