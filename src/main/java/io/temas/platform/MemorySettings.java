package io.temas.platform;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a quiet node gives memory back.
 *
 * @param idleCollection with the G1 collector (the JVM's default on a machine of two cores and
 *                       2 GB or more), collect the heap after this long without a collection,
 *                       so that heap the node needed under load is returned to the operating
 *                       system once it is quiet; 0 leaves the JVM as it is. An operator who set
 *                       {@code -XX:G1PeriodicGCInterval} on the command line keeps that value.
 */
@ConfigurationProperties("temas.memory")
public record MemorySettings(@DefaultValue("60s") Duration idleCollection) {
}
