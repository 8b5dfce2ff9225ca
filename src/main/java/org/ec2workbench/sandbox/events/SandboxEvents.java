package org.ec2workbench.sandbox.events;

import java.util.SplittableRandom;
import org.ec2workbench.backoff.Clock;
import org.ec2workbench.sandbox.Sandbox;
import org.ec2workbench.sandbox.iam.AccessControl;
import org.ec2workbench.sandbox.sqs.SqsEventTarget;
import org.ec2workbench.sandbox.sqs.SqsHandler;
import org.ec2workbench.sandbox.sqs.SqsService;
import org.ec2workbench.sandbox.world.StateChangeListener;

/**
 * CloudWatch Events and SQS plugged into a {@link Sandbox}: registers the {@code events} and {@code sqs}
 * services and turns every instance transition of the sandbox world into a state-change event on the
 * default bus of the instance's account and region.
 *
 * <p>SQS runs on the wall clock given here, not on the world's scaled clock: long-poll waits and
 * visibility timeouts are what the client experiences (like the throttling buckets), so a time scale
 * speeds up lifecycles without multiplying the calls a long-polling subscriber makes.
 */
public final class SandboxEvents implements AutoCloseable {

    /** Most ReceiveMessage calls that may long-poll at once; further ones answer at once. */
    public static final int MAX_LONG_POLLS = 64;

    private final Sandbox sandbox;
    private final SqsService sqs;
    private final EventsService events;
    private final StateChangeListener listener;

    private SandboxEvents(Sandbox sandbox, Clock clock, long seed) {
        AccessControl accessControl = sandbox.accessControl();
        this.sandbox = sandbox;
        SplittableRandom random = new SplittableRandom(seed ^ 0x5EED_E7E7L);
        this.sqs = new SqsService(clock, random.split(), MAX_LONG_POLLS);
        this.events = new EventsService(sandbox.world().clock(), random.split(), new SqsEventTarget(sqs));
        InstanceStateChangeBridge bridge = new InstanceStateChangeBridge(events);
        this.listener = change -> bridge.onTransition(change.instanceId(),
                change.previous() == null ? null : change.previous().apiName(), change.current().apiName(),
                change.time(), change.region(), change.account());
        sandbox.register(new SqsHandler(sqs, accessControl, "http://127.0.0.1"));
        sandbox.register(new EventsHandler(events, accessControl));
        sandbox.world().addStateChangeListener(listener);
    }

    /**
     * Registers events and SQS on {@code sandbox}, authorizing {@code events:*} and {@code sqs:*} actions
     * through the sandbox's own access control.
     *
     * @param clock the wall clock for SQS timings
     * @param seed  seeds event ids, message ids and receipt handles
     */
    public static SandboxEvents install(Sandbox sandbox, Clock clock, long seed) {
        return new SandboxEvents(sandbox, clock, seed);
    }

    /** The queues. */
    public SqsService sqs() {
        return sqs;
    }

    /** The buses, rules and targets. */
    public EventsService events() {
        return events;
    }

    /** Stops turning transitions into events and wakes every waiting long poll. */
    @Override
    public void close() {
        sandbox.world().removeStateChangeListener(listener);
        sqs.close();
    }
}
