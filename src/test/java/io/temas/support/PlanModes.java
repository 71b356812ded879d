package io.temas.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.event.ApplicationEventMulticaster;
import org.springframework.context.support.AbstractApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** How the transactions that publish an event plan their statements, as seen from inside them. */
public final class PlanModes {

    private PlanModes() {
    }

    /**
     * Runs the work and answers {@code plan_cache_mode} as each transaction publishing an event of the type saw it at that
     * moment, read by a listener that runs inside it.
     */
    public static List<String> seenAt(ApplicationContext context, JdbcClient jdbc, Class<?> event, Runnable work) {
        List<String> seen = new CopyOnWriteArrayList<>();
        ApplicationListener<ApplicationEvent> inside = published -> {
            if (published instanceof PayloadApplicationEvent<?> payload && event.isInstance(payload.getPayload())) {
                seen.add(jdbc.sql("select current_setting('plan_cache_mode')").query(String.class).single());
            }
        };
        ApplicationEventMulticaster multicaster = context.getBean(AbstractApplicationContext.APPLICATION_EVENT_MULTICASTER_BEAN_NAME,
                ApplicationEventMulticaster.class);
        multicaster.addApplicationListener(inside);
        try {
            work.run();
        } finally {
            multicaster.removeApplicationListener(inside);
        }
        return List.copyOf(seen);
    }
}
