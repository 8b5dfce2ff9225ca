package org.ec2workbench.sandbox.http;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A small HTTP/1.1 server with keep-alive: one blocking thread per connection from a bounded pool. Request
 * lines, headers and bodies are size-capped; anything malformed gets an error reply from the
 * {@link Handler} (AWS XML, never HTML or a stack trace) and the connection is closed.
 */
public final class HttpServer implements AutoCloseable {

    /** What the server calls for each request, and for requests it could not parse. */
    public interface Handler {

        /** Answers one request. Must not throw. */
        SandboxResponse handle(SandboxRequest request);

        /** The reply for a request the server rejected before it could be handled. */
        SandboxResponse error(int status, String code, String message);
    }

    /** Longest request line or header line accepted. */
    public static final int MAX_LINE = 16 * 1024;
    /** Most header lines accepted. */
    public static final int MAX_HEADERS = 100;
    /** Largest body accepted. */
    public static final int DEFAULT_MAX_BODY = 1024 * 1024;

    private static final Logger LOG = Logger.getLogger(HttpServer.class.getName());
    private static final int IDLE_TIMEOUT_MILLIS = 60_000;
    private static final long LINGER_MAX_BYTES = 64L * 1024 * 1024;

    private final Handler handler;
    private final int maxBody;
    private final ServerSocket serverSocket;
    private final ThreadPoolExecutor pool;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private volatile boolean closed;

    /**
     * Binds at once; call {@link #start()} to accept connections.
     *
     * @param port           0 for any free port
     * @param maxConnections most connections served at the same time
     */
    public HttpServer(InetAddress bind, int port, Handler handler, int maxConnections, int maxBody) throws IOException {
        this.handler = handler;
        this.maxBody = maxBody;
        this.serverSocket = new ServerSocket();
        serverSocket.setReuseAddress(true);
        serverSocket.bind(new InetSocketAddress(bind, port), 512);
        AtomicInteger threads = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(0, maxConnections, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "sandbox-http-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.acceptor = new Thread(this::acceptLoop, "sandbox-http-accept");
        acceptor.setDaemon(true);
    }

    /** Starts accepting connections. */
    public void start() {
        acceptor.start();
    }

    /** The bound port. */
    public int port() {
        return serverSocket.getLocalPort();
    }

    /** The bound address. */
    public InetAddress address() {
        return serverSocket.getInetAddress();
    }

    /** Stops accepting, closes every connection and waits briefly for the workers. */
    @Override
    public void close() {
        closed = true;
        try {
            serverSocket.close();
        } catch (IOException e) {
            LOG.log(Level.FINE, "closing server socket", e);
        }
        for (Socket s : open) {
            closeQuietly(s);
        }
        pool.shutdownNow();
        try {
            acceptor.join(2000);
            pool.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.log(Level.WARNING, "accept failed", e);
                }
                continue;
            }
            try {
                socket.setTcpNoDelay(true);
                socket.setSoTimeout(IDLE_TIMEOUT_MILLIS);
                open.add(socket);
                pool.execute(() -> serve(socket));
            } catch (RejectedExecutionException | IOException e) {
                try {
                    write(socket.getOutputStream(), handler.error(503, "Unavailable",
                            "The service is unavailable. Please try again shortly."), false, false);
                } catch (IOException ignored) {
                    // the client is gone; nothing to tell it
                }
                open.remove(socket);
                closeQuietly(socket);
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            Input in = new Input(socket.getInputStream());
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
            boolean keepAlive = true;
            while (keepAlive && !closed) {
                Parsed parsed;
                try {
                    parsed = read(in, out);
                } catch (BadRequest bad) {
                    write(out, handler.error(bad.status, bad.code, bad.getMessage()), false, false);
                    lingeringClose(socket, in, bad.pendingBody);
                    return;
                }
                if (parsed == null) {
                    return;
                }
                SandboxResponse response;
                try {
                    response = handler.handle(parsed.request);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "handler failed", e);
                    response = handler.error(500, "InternalError", "An internal error has occurred");
                }
                keepAlive = parsed.keepAlive;
                write(out, response, keepAlive, parsed.request.method().equals("HEAD"));
            }
        } catch (SocketException e) {
            // closed by the peer or by close()
        } catch (IOException e) {
            LOG.log(Level.FINE, "connection ended", e);
        } finally {
            open.remove(socket);
        }
    }

    /**
     * After rejecting a request whose body is still arriving, stop writing and read (and drop) what the
     * client is still sending for a moment, so it sees the error reply instead of a connection reset.
     */
    private static void lingeringClose(Socket socket, Input in, long pendingBody) {
        try {
            socket.shutdownOutput();
            socket.setSoTimeout(pendingBody > 0 ? 2000 : 100);
            long limit = pendingBody > 0 ? Math.min(pendingBody, LINGER_MAX_BYTES) : LINGER_MAX_BYTES;
            long dropped = 0;
            int n;
            while (dropped < limit && (n = in.skipSome()) > 0) {
                dropped += n;
            }
        } catch (IOException e) {
            // the client went away first: nothing more to do
        }
    }

    private record Parsed(SandboxRequest request, boolean keepAlive) {
    }

    private static final class BadRequest extends Exception {
        private static final long serialVersionUID = 1L;
        final int status;
        final String code;
        final long pendingBody;

        BadRequest(int status, String code, String message) {
            this(status, code, message, -1);
        }

        /** A rejection sent while {@code pendingBody} bytes of the body are still to arrive. */
        BadRequest(int status, String code, String message, long pendingBody) {
            super(message, null, false, false);
            this.status = status;
            this.code = code;
            this.pendingBody = pendingBody;
        }
    }

    /** Reads one request; null at a clean end of stream between requests. */
    private Parsed read(Input in, OutputStream out) throws IOException, BadRequest {
        String requestLine = readLine(in, true);
        if (requestLine == null) {
            return null;
        }
        while (requestLine.isEmpty()) {
            requestLine = readLine(in, true);
            if (requestLine == null) {
                return null;
            }
        }
        int sp1 = requestLine.indexOf(' ');
        int sp2 = requestLine.lastIndexOf(' ');
        if (sp1 <= 0 || sp2 <= sp1) {
            throw new BadRequest(400, "MalformedHttpRequest", "The HTTP request line is malformed.");
        }
        String method = requestLine.substring(0, sp1);
        String target = requestLine.substring(sp1 + 1, sp2);
        String version = requestLine.substring(sp2 + 1);
        if (!version.equals("HTTP/1.1") && !version.equals("HTTP/1.0")) {
            throw new BadRequest(400, "MalformedHttpRequest", "Only HTTP/1.0 and HTTP/1.1 are supported.");
        }
        for (int i = 0; i < method.length(); i++) {
            char c = method.charAt(i);
            if (c < 'A' || c > 'Z') {
                throw new BadRequest(400, "MalformedHttpRequest", "The HTTP method is malformed.");
            }
        }
        if (target.isEmpty() || target.indexOf(' ') >= 0) {
            throw new BadRequest(400, "MalformedHttpRequest", "The request target is malformed.");
        }
        Map<String, List<String>> headers = new HashMap<>();
        int count = 0;
        while (true) {
            String line = readLine(in, false);
            if (line == null) {
                throw new BadRequest(400, "MalformedHttpRequest", "The request ended inside its headers.");
            }
            if (line.isEmpty()) {
                break;
            }
            if (++count > MAX_HEADERS) {
                throw new BadRequest(431, "RequestHeaderSectionTooLarge", "The request has too many headers.");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new BadRequest(400, "MalformedHttpRequest", "A header line is malformed.");
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            headers.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
        }
        String path = target;
        String query = "";
        int q = target.indexOf('?');
        if (q >= 0) {
            path = target.substring(0, q);
            query = target.substring(q + 1);
        }
        if (path.startsWith("http://") || path.startsWith("https://")) {
            int slash = path.indexOf('/', path.indexOf("//") + 2);
            path = slash < 0 ? "/" : path.substring(slash);
        }
        byte[] body = readBody(in, out, headers);
        String connection = first(headers, "connection");
        boolean keepAlive = version.equals("HTTP/1.1")
                ? connection == null || !connection.equalsIgnoreCase("close")
                : connection != null && connection.equalsIgnoreCase("keep-alive");
        return new Parsed(new SandboxRequest(method, path, query, headers, body), keepAlive);
    }

    private byte[] readBody(Input in, OutputStream out, Map<String, List<String>> headers)
            throws IOException, BadRequest {
        String transfer = first(headers, "transfer-encoding");
        String length = first(headers, "content-length");
        boolean expectContinue = "100-continue".equalsIgnoreCase(first(headers, "expect"));
        if (transfer != null) {
            if (!transfer.equalsIgnoreCase("chunked")) {
                throw new BadRequest(501, "NotImplemented", "Transfer-Encoding " + transfer + " is not supported.");
            }
            sendContinue(out, expectContinue);
            return readChunked(in);
        }
        if (length == null) {
            return new byte[0];
        }
        long n;
        try {
            n = Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            throw new BadRequest(400, "MalformedHttpRequest", "Content-Length is not a number.");
        }
        if (n < 0) {
            throw new BadRequest(400, "MalformedHttpRequest", "Content-Length is negative.");
        }
        if (n > maxBody) {
            throw new BadRequest(413, "RequestEntityTooLarge", "The request body exceeds " + maxBody + " bytes.", n);
        }
        sendContinue(out, expectContinue);
        byte[] body = in.readNBytes((int) n);
        if (body.length != n) {
            throw new BadRequest(400, "IncompleteBody", "The request body is shorter than its Content-Length.");
        }
        return body;
    }

    private static void sendContinue(OutputStream out, boolean expectContinue) throws IOException {
        if (expectContinue) {
            out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }
    }

    private byte[] readChunked(Input in) throws IOException, BadRequest {
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(in, false);
            if (sizeLine == null) {
                throw new BadRequest(400, "IncompleteBody", "The chunked body ended early.");
            }
            int semicolon = sizeLine.indexOf(';');
            String hex = (semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).trim();
            int size;
            try {
                size = Integer.parseInt(hex, 16);
            } catch (NumberFormatException e) {
                throw new BadRequest(400, "MalformedHttpRequest", "A chunk size is malformed.");
            }
            if (size < 0 || body.size() + (long) size > maxBody) {
                throw new BadRequest(413, "RequestEntityTooLarge", "The request body exceeds " + maxBody + " bytes.");
            }
            if (size == 0) {
                String trailer;
                do {
                    trailer = readLine(in, false);
                } while (trailer != null && !trailer.isEmpty());
                return body.toByteArray();
            }
            byte[] chunk = in.readNBytes(size);
            if (chunk.length != size) {
                throw new BadRequest(400, "IncompleteBody", "The chunked body ended early.");
            }
            body.write(chunk, 0, size);
            String end = readLine(in, false);
            if (end == null || !end.isEmpty()) {
                throw new BadRequest(400, "MalformedHttpRequest", "A chunk is not followed by CRLF.");
            }
        }
    }

    /** One line without its CR LF, ISO-8859-1; null at end of stream before any byte. */
    private static String readLine(Input in, boolean allowEof) throws IOException, BadRequest {
        byte[] buffer = new byte[256];
        int n = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (n == 0 && allowEof) {
                    return null;
                }
                if (n == 0) {
                    return null;
                }
                throw new BadRequest(400, "MalformedHttpRequest", "The request ended inside a line.");
            }
            if (b == '\n') {
                if (n > 0 && buffer[n - 1] == '\r') {
                    n--;
                }
                return new String(buffer, 0, n, StandardCharsets.ISO_8859_1);
            }
            if (n == buffer.length) {
                if (n >= MAX_LINE) {
                    throw new BadRequest(431, "RequestHeaderSectionTooLarge", "A request line or header is too long.");
                }
                buffer = java.util.Arrays.copyOf(buffer, Math.min(MAX_LINE, n * 2));
            }
            buffer[n++] = (byte) b;
        }
    }

    /** An unsynchronised buffered reader of the socket (one thread owns each connection). */
    private static final class Input {
        private final InputStream in;
        private final byte[] buffer = new byte[16 * 1024];
        private int pos;
        private int limit;

        Input(InputStream in) {
            this.in = in;
        }

        int read() throws IOException {
            if (pos == limit) {
                limit = in.read(buffer, 0, buffer.length);
                pos = 0;
                if (limit <= 0) {
                    limit = 0;
                    return -1;
                }
            }
            return buffer[pos++] & 0xff;
        }

        /** Drops buffered or newly arrived bytes; returns how many, or -1 at end of stream. */
        int skipSome() throws IOException {
            if (pos < limit) {
                int n = limit - pos;
                pos = limit;
                return n;
            }
            return in.read(buffer, 0, buffer.length);
        }

        byte[] readNBytes(int n) throws IOException {
            byte[] result = new byte[n];
            int have = Math.min(n, limit - pos);
            System.arraycopy(buffer, pos, result, 0, have);
            pos += have;
            while (have < n) {
                int got = in.read(result, have, n - have);
                if (got < 0) {
                    return java.util.Arrays.copyOf(result, have);
                }
                have += got;
            }
            return result;
        }
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static void write(OutputStream out, SandboxResponse response, boolean keepAlive, boolean head)
            throws IOException {
        StringBuilder h = new StringBuilder(256);
        h.append("HTTP/1.1 ").append(response.status()).append(' ').append(reason(response.status())).append("\r\n");
        if (response.contentType() != null) {
            h.append("Content-Type: ").append(response.contentType()).append("\r\n");
        }
        h.append("Content-Length: ").append(response.body().length).append("\r\n");
        if (response.headers() != null) {
            for (Map.Entry<String, String> e : response.headers().entrySet()) {
                String value = e.getValue();
                if (value != null && value.indexOf('\r') < 0 && value.indexOf('\n') < 0) {
                    h.append(e.getKey()).append(": ").append(value).append("\r\n");
                }
            }
        }
        h.append(keepAlive ? "Connection: keep-alive\r\n" : "Connection: close\r\n");
        h.append("Server: ec2-workbench-sandbox\r\n\r\n");
        out.write(h.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (!head) {
            out.write(response.body());
        }
        out.flush();
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 412 -> "Precondition Failed";
            case 413 -> "Payload Too Large";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 503 -> "Service Unavailable";
            default -> "Status";
        };
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.log(Level.FINE, "closing socket", e);
        }
    }
}
