package org.ec2workbench.ui.experiment;

import java.util.Objects;

/**
 * One resource the workbench created and has to clean up, with where its clean-up stands.
 *
 * @param kind   what it is
 * @param id     its id ({@code i-…}, {@code sg-…}, {@code vol-…}, {@code key-…})
 * @param name   its name where it has one (group and key names), else empty
 * @param status where its clean-up stands
 * @param detail the last error or state, empty when none
 */
public record CreatedResource(ResourceKind kind, String id, String name, Status status, String detail) {

    /** Where a resource's clean-up stands. */
    public enum Status {
        /** Created, not cleaned up yet. */
        CREATED,
        /** Clean-up is working on it. */
        CLEANING,
        /** Deleted (or terminated): gone. */
        DELETED,
        /** Clean-up failed; {@link #detail()} says why. It stays listed. */
        FAILED
    }

    public CreatedResource {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        name = name == null ? "" : name;
        detail = detail == null ? "" : detail;
    }

    /** A just-created resource. */
    public static CreatedResource created(ResourceKind kind, String id, String name) {
        return new CreatedResource(kind, id, name, Status.CREATED, "");
    }

    /** This resource in {@code newStatus}, with {@code newDetail}. */
    public CreatedResource with(Status newStatus, String newDetail) {
        return new CreatedResource(kind, id, name, newStatus, newDetail);
    }

    /** Whether clean-up still has to remove it. */
    public boolean remaining() {
        return status != Status.DELETED;
    }

    /** One line for the list, e.g. "security group sg-0a1 (ec2wb-…) · failed: DependencyViolation". */
    @Override
    public String toString() {
        String what = kind.label() + " " + id + (name.isEmpty() ? "" : " (" + name + ")");
        return switch (status) {
            case CREATED -> what;
            case CLEANING -> what + " · " + (detail.isEmpty() ? "cleaning up…" : detail);
            case DELETED -> what + " · " + (detail.isEmpty() ? "deleted" : detail);
            case FAILED -> what + " · failed: " + detail;
        };
    }
}
