package io.temas.webhooks;

import io.temas.campaigns.CampaignResponded;
import io.temas.campaigns.ConsentChanged;
import io.temas.conversations.ConversationOpened;
import io.temas.conversations.ConversationResolved;
import io.temas.conversations.MessageReceived;
import io.temas.customers.CustomerMerged;
import io.temas.customers.LifecycleStageChanged;
import io.temas.shared.ChannelType;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Turns the modules' events into deliveries. Plain listeners, run in the publisher's transaction (a transactional
 * listener would store an event publication per event even when nobody subscribed); each first asks the cached
 * subscription list, so an event no subscription wants returns at once.
 */
@Component
class WebhookListeners {

    private final WebhookOutbox outbox;
    private final Clock clock;

    WebhookListeners(WebhookOutbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    @EventListener
    void on(MessageReceived e) {
        if (!outbox.wanted(WebhookEvents.MESSAGE_RECEIVED)) {
            return;
        }
        outbox.queue(WebhookEvents.MESSAGE_RECEIVED, clock.instant(), e.customerId(), data(
                "messageId", e.messageId(), "conversationId", e.conversationId(), "customerId", e.customerId(),
                "channel", code(e.channel()), "entryPoint", e.entryPoint(), "subject", e.subject(), "text", e.text(),
                "language", e.language()));
    }

    @EventListener
    void on(ConversationOpened e) {
        if (!outbox.wanted(WebhookEvents.CONVERSATION_OPENED)) {
            return;
        }
        outbox.queue(WebhookEvents.CONVERSATION_OPENED, clock.instant(), e.customerId(), data(
                "conversationId", e.conversationId(), "customerId", e.customerId(), "channel", code(e.channel()),
                "reference", e.reference()));
    }

    @EventListener
    void on(ConversationResolved e) {
        if (!outbox.wanted(WebhookEvents.CONVERSATION_RESOLVED)) {
            return;
        }
        outbox.queue(WebhookEvents.CONVERSATION_RESOLVED, clock.instant(), e.customerId(), data(
                "conversationId", e.conversationId(), "customerId", e.customerId(), "channel", code(e.channel()),
                "reference", e.reference(), "entryPoint", e.entryPoint(), "queueId", e.queueId(), "agentId", e.agentId(),
                "language", e.language() == null ? null : e.language().code()));
    }

    @EventListener
    void on(CustomerMerged e) {
        if (!outbox.wanted(WebhookEvents.CUSTOMER_MERGED)) {
            return;
        }
        outbox.queue(WebhookEvents.CUSTOMER_MERGED, clock.instant(), e.survivor().value(), data(
                "mergeId", e.mergeId(), "survivorId", e.survivor().value(), "absorbedId", e.absorbed().value(),
                "reason", e.reason(), "actor", e.actor()));
    }

    @EventListener
    void on(CampaignResponded e) {
        if (!outbox.wanted(WebhookEvents.CAMPAIGN_RESPONDED)) {
            return;
        }
        outbox.queue(WebhookEvents.CAMPAIGN_RESPONDED, at(e.occurredAt()), e.customerId(), data(
                "responseId", e.responseId(), "campaignId", e.campaignId(), "campaignCode", e.campaignCode(),
                "customerId", e.customerId(), "kind", e.kind() == null ? null : e.kind().code(), "channel", code(e.channel()),
                "medium", e.medium(), "entryPoint", e.entryPoint()));
    }

    @EventListener
    void on(ConsentChanged e) {
        if (!outbox.wanted(WebhookEvents.CONSENT_CHANGED)) {
            return;
        }
        outbox.queue(WebhookEvents.CONSENT_CHANGED, at(e.at()), e.customerId(), data(
                "consentId", e.consentId(), "customerId", e.customerId(), "address", e.address(), "channel", code(e.channel()),
                "purpose", e.purpose() == null ? null : e.purpose().code(), "granted", e.granted(), "source", e.source()));
    }

    @EventListener
    void on(LifecycleStageChanged e) {
        if (!outbox.wanted(WebhookEvents.STAGE_CHANGED)) {
            return;
        }
        outbox.queue(WebhookEvents.STAGE_CHANGED, at(e.at()), e.customerId(), data(
                "customerId", e.customerId(), "from", e.from(), "to", e.to(), "actor", e.actor()));
    }

    private Instant at(Instant when) {
        return when == null ? clock.instant() : when;
    }

    private static String code(ChannelType channel) {
        return channel == null ? null : channel.code();
    }

    /** Pairs of name and value in order; values are strings, ids, booleans or null (written as JSON null). */
    private static Map<String, Object> data(Object... pairs) {
        Map<String, Object> data = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            Object value = pairs[i + 1];
            data.put((String) pairs[i], value instanceof UUID id ? id.toString() : value);
        }
        return data;
    }
}
