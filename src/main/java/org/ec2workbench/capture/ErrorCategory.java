package org.ec2workbench.capture;

/**
 * What kind of trouble an attempt ran into, as the timeline colours it and the error catalog classifies
 * it. {@link #NONE} is a successful attempt.
 */
public enum ErrorCategory {
    /** The request was rejected by a token bucket ({@code RequestLimitExceeded} and friends). */
    THROTTLING,
    /** A resource just created is not yet visible ({@code InvalidInstanceID.NotFound} right after a launch). */
    CONSISTENCY,
    /** The principal may not do this ({@code UnauthorizedOperation}, {@code AuthFailure}, a DryRun answer). */
    AUTHORIZATION,
    /** An account or resource limit was hit ({@code InstanceLimitExceeded}, {@code VolumeLimitExceeded}). */
    LIMIT,
    /** The request itself is wrong (missing or invalid parameter, malformed id, unknown resource). */
    VALIDATION,
    /** AWS has no capacity for it right now ({@code InsufficientInstanceCapacity}). */
    CAPACITY,
    /** The service failed ({@code InternalError}, {@code Unavailable}, any other 5xx). */
    SERVER,
    /** No error: the attempt succeeded. */
    NONE
}
