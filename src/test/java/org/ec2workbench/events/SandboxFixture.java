package org.ec2workbench.events;

import org.ec2workbench.aws.ClientFactory;
import org.ec2workbench.aws.Connection;
import org.ec2workbench.backoff.Clock;
import org.ec2workbench.sandbox.Credentials;
import org.ec2workbench.sandbox.Preset;
import org.ec2workbench.sandbox.Sandbox;
import org.ec2workbench.sandbox.iam.PrincipalStore;
import org.ec2workbench.sandbox.events.SandboxEvents;
import org.ec2workbench.sandbox.iam.AccessControl;

/** A real sandbox with CloudWatch Events and SQS installed, and SDK clients pointed at it. */
public final class SandboxFixture implements AutoCloseable {

    /** The account of the sandbox's default principal. */
    public static final String ACCOUNT = PrincipalStore.DEFAULT_ACCOUNT_ID;

    private final Sandbox sandbox;
    private final SandboxEvents services;

    private SandboxFixture(Sandbox sandbox, Clock sqsClock, long seed) {
        this.sandbox = sandbox;
        this.services = SandboxEvents.install(sandbox, sqsClock, seed);
    }

    /** The calm preset with the sandbox's default identity, lifecycles {@code timeScale} times faster, SQS on {@code sqsClock}. */
    public static SandboxFixture calm(double timeScale, Clock sqsClock, long seed) {
        Sandbox s = Sandbox.builder().preset(Preset.CALM).timeScale(timeScale).seed(seed).eventsAndQueues(false).build().start();
        return new SandboxFixture(s, sqsClock, seed);
    }

    /** The calm preset with {@code accessControl} (e.g. IAM) whose default principal has {@code admin} keys. */
    public static SandboxFixture withAccessControl(AccessControl accessControl, Credentials admin, long seed) {
        Sandbox s = Sandbox.builder().preset(Preset.CALM).seed(seed).accessControl(accessControl, admin).eventsAndQueues(false).build().start();
        return new SandboxFixture(s, Clock.system(), seed);
    }

    /** The sandbox. */
    public Sandbox sandbox() {
        return sandbox;
    }

    /** Its events and SQS services. */
    public SandboxEvents services() {
        return services;
    }

    /** A client factory with the default principal's keys. */
    public ClientFactory.Builder clients() {
        Credentials keys = sandbox.defaultCredentials();
        return clients(keys.accessKeyId(), keys.secretAccessKey());
    }

    /** A client factory with these keys. */
    public ClientFactory.Builder clients(String accessKeyId, String secretAccessKey) {
        return ClientFactory.builder(Connection.sandbox(sandbox.endpoint(), "us-east-1", accessKeyId, secretAccessKey));
    }

    @Override
    public void close() {
        services.close();
        sandbox.close();
    }
}
