package org.ec2workbench.recorder;

import java.net.SocketException;
import java.time.Clock;
import java.util.function.Function;

/**
 * The recorder jar's global interceptor: the AWS SDK for Java v2 loads it for every client from
 * {@code software/amazon/awssdk/global/handlers/execution.interceptors}, so any Java app with the jar on its
 * classpath reports its calls as CSM datagrams to the workbench. Configured like the other SDKs' CSM:
 * {@code AWS_CSM_HOST} (127.0.0.1), {@code AWS_CSM_PORT} (31000), {@code AWS_CSM_CLIENT_ID}
 * ({@code ec2-workbench-recorder}); {@code AWS_CSM_ENABLED=false} turns it off. Each may also be given as a
 * system property of the same name in lower case with dots ({@code aws.csm.port}).
 */
public final class CsmRecorderInterceptor extends AttemptInterceptor {

    /** The client id the workbench recognises as the recorder jar. */
    public static final String DEFAULT_CLIENT_ID = "ec2-workbench-recorder";

    /** Reads the configuration from the environment and system properties. */
    public CsmRecorderInterceptor() {
        this(name -> {
            String property = System.getProperty(name.toLowerCase(java.util.Locale.ROOT).replace('_', '.'));
            return property != null ? property : System.getenv(name);
        });
    }

    CsmRecorderInterceptor(Function<String, String> config) {
        super(sinkFor(config), Clock.systemUTC(), System::nanoTime);
    }

    private static AttemptSink sinkFor(Function<String, String> config) {
        if ("false".equalsIgnoreCase(config.apply("AWS_CSM_ENABLED"))) {
            return Disabled.INSTANCE;
        }
        String host = orDefault(config.apply("AWS_CSM_HOST"), "127.0.0.1");
        String clientId = orDefault(config.apply("AWS_CSM_CLIENT_ID"), DEFAULT_CLIENT_ID);
        int port;
        try {
            port = Integer.parseInt(orDefault(config.apply("AWS_CSM_PORT"), String.valueOf(CsmEmitter.DEFAULT_PORT)));
        } catch (NumberFormatException e) {
            port = CsmEmitter.DEFAULT_PORT;
        }
        try {
            return new CsmEmitter(host, port, clientId);
        } catch (SocketException | RuntimeException e) {
            return Disabled.INSTANCE;
        }
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    /** Reports nothing. */
    private enum Disabled implements AttemptSink {
        INSTANCE;

        @Override
        public long beginCall() {
            return 0;
        }

        @Override
        public void attempt(ObservedAttempt attempt) {
        }

        @Override
        public void call(ObservedCall call) {
        }
    }
}
