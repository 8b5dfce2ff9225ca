package org.ec2workbench.ui.timeline;

import java.util.Locale;
import org.ec2workbench.capture.ErrorCategory;

/** How the timeline names and styles each error category (the colours themselves live in timeline.css). */
public final class CategoryStyle {

    private CategoryStyle() {
    }

    /** The style class that carries the category's colour, e.g. {@code category-throttling}. */
    public static String styleClass(ErrorCategory category) {
        return "category-" + category.name().toLowerCase(Locale.ROOT);
    }

    /** The legend's name for the category. */
    public static String label(ErrorCategory category) {
        return switch (category) {
            case NONE -> "Success";
            case THROTTLING -> "Throttling";
            case CONSISTENCY -> "Consistency (NotFound)";
            case AUTHORIZATION -> "Authorization";
            case LIMIT -> "Limit";
            case VALIDATION -> "Validation";
            case CAPACITY -> "Capacity";
            case SERVER -> "Server error";
        };
    }
}
