package org.ec2workbench.sandbox.sqs;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ec2workbench.sandbox.http.RequestContext;
import org.ec2workbench.sandbox.http.SandboxRequest;
import org.ec2workbench.sandbox.http.SandboxResponse;
import org.ec2workbench.sandbox.http.ServiceHandler;
import org.ec2workbench.sandbox.iam.AccessControl;
import org.ec2workbench.sandbox.iam.Principal;

/**
 * A minimal HTTP front for service handlers in tests of this package: routes by the SigV4 credential
 * scope like the sandbox server, trusts the signature, and authorizes through the given access control.
 */
public final class LocalServiceServer implements AutoCloseable {

    /** The account every request acts as. */
    public static final String ACCOUNT = "123456789012";
    /** The principal every request acts as. */
    public static final Principal PRINCIPAL = new Principal("tester", ACCOUNT,
            "arn:aws:iam::" + ACCOUNT + ":user/tester", "AIDATESTER", "AKIATESTER");
    private static final Pattern SCOPE = Pattern.compile("Credential=[^/]+/\\d{8}/([^/]+)/([^/]+)/aws4_request");

    private final HttpServer server;
    private final Map<String, ServiceHandler> handlers = new TreeMap<>();

    /** Starts on a free port of 127.0.0.1. */
    public LocalServiceServer(ServiceHandler... services) throws IOException {
        for (ServiceHandler h : services) {
            handlers.put(h.service(), h);
        }
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.createContext("/", this::serve);
        server.start();
    }

    /** The base URL. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void serve(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        Map<String, List<String>> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), new ArrayList<>(v)));
        URI uri = exchange.getRequestURI();
        SandboxRequest request = new SandboxRequest(exchange.getRequestMethod(), uri.getRawPath(),
                uri.getRawQuery() == null ? "" : uri.getRawQuery(), headers, body);
        String auth = request.header("authorization");
        Matcher m = auth == null ? null : SCOPE.matcher(auth);
        String requestId = UUID.randomUUID().toString();
        SandboxResponse response;
        if (m == null || !m.find() || !handlers.containsKey(m.group(2))) {
            response = handlers.values().iterator().next().rejected(request, new AccessControl.Rejected(
                    AccessControl.Reason.MISSING_AUTHENTICATION, null, "Missing Authentication Token"), requestId);
        } else {
            response = handlers.get(m.group(2)).handle(request, new RequestContext(PRINCIPAL, m.group(1), requestId));
        }
        exchange.getResponseHeaders().add("Content-Type", response.contentType());
        response.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        exchange.sendResponseHeaders(response.status(), response.body().length == 0 ? -1 : response.body().length);
        exchange.getResponseBody().write(response.body());
        exchange.close();
    }

    /** An access control that allows everything (signatures are not checked here). */
    public static AccessControl allowAll() {
        return new AccessControl() {
            @Override
            public Authentication authenticate(SandboxRequest request) {
                return new Authenticated(PRINCIPAL, "sqs", "us-east-1");
            }

            @Override
            public Decision authorize(Principal principal, String action, List<String> resourceArns,
                                      Map<String, List<String>> conditionContext) {
                return Decision.allow();
            }
        };
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
