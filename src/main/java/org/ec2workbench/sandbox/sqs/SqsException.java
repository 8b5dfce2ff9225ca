package org.ec2workbench.sandbox.sqs;

/**
 * An SQS error as both protocols report it: the JSON shape name (sent as {@code __type}), the Query
 * protocol code (sent as {@code <Code>} and in the JSON reply's {@code x-amzn-query-error} header), the
 * HTTP status and whether the sender or the service is at fault.
 */
public final class SqsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String jsonType;
    private final String queryCode;
    private final int status;
    private final boolean senderFault;

    /** An error with distinct JSON and Query names. */
    public SqsException(String jsonType, String queryCode, int status, boolean senderFault, String message) {
        super(message);
        this.jsonType = jsonType;
        this.queryCode = queryCode;
        this.status = status;
        this.senderFault = senderFault;
    }

    /** The JSON protocol's error shape name, e.g. {@code QueueDoesNotExist}. */
    public String jsonType() {
        return jsonType;
    }

    /** The Query protocol's code, e.g. {@code AWS.SimpleQueueService.NonExistentQueue}. */
    public String queryCode() {
        return queryCode;
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }

    /** {@code Sender} for client errors, {@code Receiver} for the service's own. */
    public String faultType() {
        return senderFault ? "Sender" : "Receiver";
    }

    static SqsException nonExistentQueue() {
        return new SqsException("QueueDoesNotExist", "AWS.SimpleQueueService.NonExistentQueue", 400, true,
                "The specified queue does not exist.");
    }

    static SqsException invalidParameter(String message) {
        return new SqsException("InvalidParameterValue", "InvalidParameterValue", 400, true, message);
    }

    static SqsException missingParameter(String name) {
        return new SqsException("MissingParameter", "MissingParameter", 400, true,
                "The request must contain the parameter " + name + ".");
    }

    static SqsException invalidAttributeName(String name) {
        return new SqsException("InvalidAttributeName", "InvalidAttributeName", 400, true, "Unknown Attribute " + name + ".");
    }

    static SqsException invalidAttributeValue(String name, String reason) {
        return new SqsException("InvalidAttributeValue", "InvalidAttributeValue", 400, true,
                "Invalid value for the parameter " + name + ". Reason: " + reason);
    }

    static SqsException receiptHandleIsInvalid(String handle) {
        return new SqsException("ReceiptHandleIsInvalid", "ReceiptHandleIsInvalid", 400, true,
                "The input receipt handle \"" + handle + "\" is not a valid receipt handle.");
    }

    static SqsException unknownOperation(String operation, boolean query) {
        return query
                ? new SqsException("InvalidAction", "InvalidAction", 400, true,
                        "The action " + operation + " is not valid for this endpoint.")
                : new SqsException("UnknownOperationException", "UnknownOperationException", 400, true,
                        "Unknown operation " + operation);
    }

    /** Fills in no stack trace: these are answers, not bugs. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
