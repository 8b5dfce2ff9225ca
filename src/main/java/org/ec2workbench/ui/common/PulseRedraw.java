package org.ec2workbench.ui.common;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;

/**
 * Redraws a node at most once per pulse, however often and from whatever threads it is asked to. The one
 * marshalling point onto the FX thread for a live view: producers call {@link #request()}; the first
 * request after a redraw posts one {@code runLater} that asks for a pulse, and the redraw runs in the
 * scene's pre-layout pulse listener, so a flood of appends costs one redraw per frame.
 */
public final class PulseRedraw {

    private final Node node;
    private final Runnable redraw;
    private final AtomicBoolean requested = new AtomicBoolean();
    private boolean dirty;
    private long redraws;
    private Scene scene;
    private final Runnable pulseListener = this::onPulse;

    /** Calls {@code redraw} on the FX thread, once per pulse at most, while {@code node} is in a scene. */
    public PulseRedraw(Node node, Runnable redraw) {
        this.node = Objects.requireNonNull(node, "node");
        this.redraw = Objects.requireNonNull(redraw, "redraw");
        node.sceneProperty().addListener((obs, was, now) -> attach(now));
        attach(node.getScene());
    }

    /** Asks for a redraw; any thread. */
    public void request() {
        if (requested.compareAndSet(false, true)) {
            if (Platform.isFxApplicationThread()) {
                markDirty();
            } else {
                Platform.runLater(this::markDirty);
            }
        }
    }

    /** How many redraws ran (for tests and the benchmark). */
    public long redraws() {
        return redraws;
    }

    /** Redraws now if a redraw is pending (FX thread); used when the caller cannot wait for the pulse. */
    public void flush() {
        if (dirty || requested.get()) {
            onPulse();
        }
    }

    private void markDirty() {
        dirty = true;
        Platform.requestNextPulse();
    }

    private void onPulse() {
        if (!dirty && !requested.get()) {
            return;
        }
        requested.set(false);
        dirty = false;
        redraws++;
        redraw.run();
    }

    private void attach(Scene now) {
        if (scene != null) {
            scene.removePreLayoutPulseListener(pulseListener);
        }
        scene = now;
        if (scene != null) {
            scene.addPreLayoutPulseListener(pulseListener);
            request();
        }
    }
}
