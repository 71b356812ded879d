package io.temas.events;

import org.springframework.context.ApplicationContext;

/** Holds and releases this node's import runner for tests outside the module, as {@code ImportRunner} does for maintenance. */
public final class ImportRunnerControl {

    private ImportRunnerControl() {
    }

    /** Stops taking chunks once the chunk under way is committed; jobs stay queued. */
    public static void hold(ApplicationContext context) {
        context.getBean(ImportRunner.class).hold();
    }

    /** Takes chunks again. */
    public static void release(ApplicationContext context) {
        context.getBean(ImportRunner.class).release();
    }
}
