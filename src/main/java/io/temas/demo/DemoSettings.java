package io.temas.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param demoData load the demo organisation at start-up when the database has no queues yet
 */
@ConfigurationProperties("temas")
record DemoSettings(@DefaultValue("false") boolean demoData) {
}
