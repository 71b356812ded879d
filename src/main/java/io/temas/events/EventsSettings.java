package io.temas.events;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Events from other systems and their imports.
 *
 * @param chunkLines      lines an import stores, processes and commits together: a resumed import starts again at its
 *                        first chunk not yet committed
 * @param maxAttributes   the most attributes one event may carry
 * @param maxAttributesSize the largest an event's attributes may be, written as JSON
 * @param maxLineSize     the longest line of an import or of an NDJSON batch
 */
@ConfigurationProperties("temas.events")
public record EventsSettings(@DefaultValue("5000") int chunkLines,
                             @DefaultValue("50") int maxAttributes,
                             @DefaultValue("4KB") DataSize maxAttributesSize,
                             @DefaultValue("16KB") DataSize maxLineSize) {

    public EventsSettings {
        if (chunkLines < 1 || chunkLines > 20_000) {
            throw new IllegalArgumentException("temas.events.chunk-lines must be between 1 and 20000, not " + chunkLines);
        }
    }
}
