package io.biometriccore.activity;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** A page of activity, newest first; pass {@code nextCursor} back for the next, absent on the last page. */
public record ActivityPage(List<ActivityItem> items, @Nullable String nextCursor) {

    public ActivityPage {
        items = List.copyOf(items);
    }
}
