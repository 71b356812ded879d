package io.temas.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param demoData          load the demo organisation at start-up when the database has no queues yet
 * @param demoConversations with the demo organisation, also send a handful of customer messages through the pipeline so the
 *                          inbox has work in it
 */
@ConfigurationProperties("temas")
record DemoSettings(@DefaultValue("false") boolean demoData, @DefaultValue("true") boolean demoConversations) {
}
