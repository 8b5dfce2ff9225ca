package org.ec2workbench.ui.connection;

import java.util.function.Function;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.Property;
import javafx.scene.control.Spinner;

/** Ties number spinners to numeric model properties. */
public final class NumberSpinners {

    private NumberSpinners() {
    }

    /**
     * Keeps a spinner and a numeric model property in step both ways. (A bidirectional binding to
     * {@code property.asObject()} holds the adapter only weakly: once it is collected, edits stop reaching the
     * model.)
     */
    public static <T extends Number> void bind(Spinner<T> spinner, Property<Number> property,
            Function<Number, T> convert) {
        ObjectProperty<T> value = spinner.getValueFactory().valueProperty();
        value.addListener((o, was, now) -> {
            if (now != null && !now.equals(property.getValue())) {
                property.setValue(now);
            }
        });
        property.addListener((o, was, now) -> {
            if (now != null && (value.get() == null || value.get().doubleValue() != now.doubleValue())) {
                value.set(convert.apply(now));
            }
        });
    }

}
