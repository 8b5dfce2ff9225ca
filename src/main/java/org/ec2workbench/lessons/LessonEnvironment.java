package org.ec2workbench.lessons;

import org.ec2workbench.aws.ClientFactory;
import org.ec2workbench.aws.Connection;

/** What a lesson runs against: a fresh embedded sandbox and the connection to it. Closing stops it. */
public interface LessonEnvironment extends AutoCloseable {

    /** The connection as the sandbox's default principal. */
    Connection connection();

    /** A client factory builder on {@link #connection()}, for the lesson to add a retry strategy to. */
    default ClientFactory.Builder clients() {
        return ClientFactory.builder(connection());
    }

    /** Stops the sandbox. */
    @Override
    void close();
}
