package org.ec2workbench.sandbox.protocol;

/**
 * An AWS error reply raised while handling a request: the HTTP status, the error code and the message
 * the caller sees. Thrown by validation and world operations, turned into error XML by the service.
 */
public final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    /** An error with an explicit status. */
    public ApiException(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    /** A client error (HTTP 400). */
    public static ApiException client(String code, String message) {
        return new ApiException(400, code, message);
    }

    /** {@code MissingParameter} for a required parameter. */
    public static ApiException missing(String parameter) {
        return client("MissingParameter", "The request must contain the parameter " + parameter);
    }

    /** {@code InvalidParameterValue} with EC2's wording. */
    public static ApiException invalidValue(String parameter, String value, String why) {
        return client("InvalidParameterValue",
                "Value (" + value + ") for parameter " + parameter + " is invalid. " + why);
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }

    /** The AWS error code, e.g. {@code InvalidInstanceID.NotFound}. */
    public String code() {
        return code;
    }
}
