package io.temas.platform;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.observation.SecurityObservationSettings;

/**
 * What every HTTP request is observed by. Spring Security would otherwise wrap each filter of
 * every chain in an observation of its own (before and after, with a timer and an active-task
 * timer per chain and step, and observations of the authentication and the authorisation): some
 * twenty observations a request on the API's hot path, for metrics nobody reads. The request
 * itself stays observed as {@code http.server.requests} (Spring MVC's filter), which is what the
 * Prometheus endpoint reports per route and status; its active-request long-task timer is left
 * out in {@code application.properties} ({@code management.metrics.observations.ignored-meters}).
 */
@Configuration(proxyBeanMethods = false)
class RequestObservations {

    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }
}
