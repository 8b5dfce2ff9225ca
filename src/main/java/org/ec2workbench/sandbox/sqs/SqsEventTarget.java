package org.ec2workbench.sandbox.sqs;

import org.ec2workbench.sandbox.events.EventTarget;
import org.ec2workbench.sandbox.events.EventsService;

/**
 * Delivers EventBridge rule matches to the sandbox's SQS queues, as {@code events.amazonaws.com}: a queue
 * whose policy does not allow that principal to send for the rule's ARN gets nothing, as on AWS.
 */
public final class SqsEventTarget implements EventTarget {

    private final SqsService sqs;

    /** Delivers into {@code sqs}. */
    public SqsEventTarget(SqsService sqs) {
        this.sqs = sqs;
    }

    @Override
    public Outcome deliver(String targetArn, String ruleArn, String accountId, String body) {
        if (!targetArn.startsWith("arn:aws:sqs:")) {
            return Outcome.UNSUPPORTED_TARGET;
        }
        return switch (sqs.sendFromService(targetArn, EventsService.SERVICE_PRINCIPAL, ruleArn, accountId, body)) {
            case DELIVERED -> Outcome.DELIVERED;
            case NO_SUCH_QUEUE -> Outcome.NO_SUCH_TARGET;
            case DENIED_BY_POLICY -> Outcome.DENIED_BY_POLICY;
        };
    }
}
