package org.ec2workbench.capture;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;

/**
 * A real HTTP endpoint on 127.0.0.1 answering EC2 Query requests with scripted replies (an error code and
 * status, or success), in EC2's XML. Stands in for the sandbox in capture tests: what matters here is what
 * the SDK sees on the wire, not EC2 behaviour.
 */
public final class LocalEc2Endpoint implements AutoCloseable {

    /** A scripted reply: {@code code == null} means success. */
    public record Reply(int status, String code, String message) {
        public static Reply ok() {
            return new Reply(200, null, null);
        }

        public static Reply error(int status, String code, String message) {
            return new Reply(status, code, message);
        }
    }

    /** What the endpoint received and answered. */
    public record Exchange(String action, Map<String, String> params, String requestId, int status, String authorization) {
    }

    private final HttpServer server;
    private final Deque<Reply> script = new ArrayDeque<>();
    private final List<Exchange> exchanges = Collections.synchronizedList(new ArrayList<>());

    private volatile boolean requestIdHeader = true;

    public LocalEc2Endpoint() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> params = new HashMap<>();
            for (String pair : body.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
            String action = params.getOrDefault("Action", "Unknown");
            Reply reply;
            synchronized (script) {
                reply = script.isEmpty() ? Reply.ok() : script.poll();
            }
            String requestId = UUID.randomUUID().toString();
            String xml = reply.code() == null ? success(action, requestId)
                    : "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error><Code>" + reply.code()
                            + "</Code><Message>" + reply.message() + "</Message></Error></Errors><RequestID>"
                            + requestId + "</RequestID></Response>";
            exchanges.add(new Exchange(action, params, requestId, reply.status(),
                    exchange.getRequestHeaders().getFirst("Authorization")));
            byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/xml;charset=UTF-8");
            if (requestIdHeader) {
                exchange.getResponseHeaders().add("x-amzn-RequestId", requestId);
            }
            exchange.sendResponseHeaders(reply.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    private static String success(String action, String requestId) {
        String ns = "http://ec2.amazonaws.com/doc/2016-11-15/";
        return switch (action) {
            case "DescribeRegions" -> "<DescribeRegionsResponse xmlns=\"" + ns + "\"><requestId>" + requestId
                    + "</requestId><regionInfo><item><regionName>us-east-1</regionName><regionEndpoint>"
                    + "ec2.us-east-1.amazonaws.com</regionEndpoint></item></regionInfo></DescribeRegionsResponse>";
            default -> "<" + action + "Response xmlns=\"" + ns + "\"><requestId>" + requestId + "</requestId></"
                    + action + "Response>";
        };
    }

    /** Leaves out the {@code x-amzn-RequestId} header, so clients must read the id from the body. */
    public LocalEc2Endpoint withoutRequestIdHeader() {
        requestIdHeader = false;
        return this;
    }

    /** Queues replies, answered in order; once used up, every request succeeds. */
    public LocalEc2Endpoint then(Reply... replies) {
        synchronized (script) {
            script.addAll(List.of(replies));
        }
        return this;
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public List<Exchange> exchanges() {
        synchronized (exchanges) {
            return List.copyOf(exchanges);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
