package org.ec2workbench.ui.experiment;

import java.util.List;
import java.util.Objects;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Every resource the workbench created in this session and where its clean-up stands. A resource leaves the
 * list only after it was deleted and a later run or clean-up starts; one whose deletion failed stays, with the
 * error, until a clean-up removes it. Change it on the FX thread only. Free of {@code javafx.scene}.
 */
public final class CreatedResources {

    private final ObservableList<CreatedResource> items = FXCollections.observableArrayList();
    private final ObservableList<CreatedResource> readOnly = FXCollections.unmodifiableObservableList(items);
    private final BooleanBinding anyRemaining = Bindings.createBooleanBinding(
            () -> items.stream().anyMatch(CreatedResource::remaining), items);

    /** The resources, in creation order. */
    public ObservableList<CreatedResource> items() {
        return readOnly;
    }

    /** True while some resource is not deleted yet. */
    public BooleanBinding anyRemaining() {
        return anyRemaining;
    }

    /** The resources clean-up still has to remove. */
    public List<CreatedResource> remaining() {
        return items.stream().filter(CreatedResource::remaining).toList();
    }

    // Commands

    /** Adds {@code resource}, or replaces the entry with the same id (a status change). */
    public void put(CreatedResource resource) {
        Objects.requireNonNull(resource, "resource");
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).id().equals(resource.id())) {
                items.set(i, resource);
                return;
            }
        }
        items.add(resource);
    }

    /** Adds every one of {@code resources}. */
    public void putAll(List<CreatedResource> resources) {
        resources.forEach(this::put);
    }

    /** Forgets the resources whose deletion is done (their outcome was shown). */
    public void pruneDeleted() {
        items.removeIf(r -> !r.remaining());
    }
}
