package io.biometriccore.ceremonies.internal;

import io.biometriccore.shared.ApiException;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

/**
 * A ceremony's steps in the order they run. The first step that fails ends the ceremony with its
 * reason; the ceremony that leaves the last step is the verified one.
 */
record Steps<C>(List<Step<C>> list) {

    public Steps {
        list = List.copyOf(list);
        if (list.stream().map(Step::id).collect(Collectors.toSet()).size() != list.size()) {
            throw new IllegalArgumentException("Step ids must be unique");
        }
    }

    C verify(C ceremony) {
        return verify(ceremony, (at, refusal) -> { });
    }

    /**
     * As {@link #verify(Object)}; a step's refusal is first handed to {@code refused} with the ceremony as
     * the steps before it left it (what they had established), then thrown.
     */
    C verify(C ceremony, BiConsumer<C, ApiException> refused) {
        C current = ceremony;
        for (Step<C> step : list) {
            try {
                current = step.verify(current);
            } catch (ApiException e) {
                refused.accept(current, e);
                throw e;
            }
        }
        return current;
    }

    /** The step with this id, so that it can be run, and tested, on its own. */
    Step<C> step(String id) {
        return list.stream().filter(s -> s.id().equals(id)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("No step " + id));
    }
}
