package io.temas.platform;

import org.springframework.boot.task.ThreadPoolTaskSchedulerBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * The scheduler of Temas' periodic work (the SLA sweep, assignment, webhook deliveries, report rollups, metrics
 * refreshes): a small pool ({@code spring.task.scheduling.pool.size}), so a task that runs long holds up only itself.
 * Spring Boot's scheduler for virtual threads runs every fixed-delay task on its one thread, where one slow rebuild kept
 * all the others waiting for seconds. Each task still never overlaps itself.
 */
@Configuration(proxyBeanMethods = false)
class SchedulerConfiguration {

    @Bean(name = "taskScheduler")
    ThreadPoolTaskScheduler taskScheduler(ThreadPoolTaskSchedulerBuilder builder) {
        return builder.build();
    }
}
