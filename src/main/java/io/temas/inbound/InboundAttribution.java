package io.temas.inbound;

import io.temas.channels.InboundMessage;
import io.temas.customers.CustomerId;
import io.temas.customers.CustomerTimeline;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The pipeline's attribute step, implemented by modules that give a message a meaning beyond
 * its conversation (a campaign response, an opt-out). It runs inside the pipeline's
 * transaction, after the message is stored and before it is acknowledged, so whatever it
 * changes is committed together with the message: when the sender hears "taken", it is done.
 */
public interface InboundAttribution {

    /**
     * What the step sees of one message.
     *
     * @param entryPointCampaign the campaign code the routing entry point names, if any
     * @param entryPointMedium   the ad medium the routing entry point names, if any
     */
    record Context(InboundMessage message, CustomerId customer, UUID conversationId, UUID messageId, String entryPointCampaign,
                   String entryPointMedium, Instant now) {
    }

    /** Attributes one message; answers entries for the customer's timeline (none when nothing applied). */
    List<CustomerTimeline.Entry> attribute(Context context);

    /**
     * What the step sees of a message before it joins its lane: the message and what its routing entry point names.
     * The sender's identifiers are ones the channel verified.
     */
    record Arrival(InboundMessage message, String entryPointCampaign, String entryPointMedium) {
    }

    /**
     * Work that must not wait behind the messages queued ahead of this one, run when the message arrives, before its
     * lane takes it, in a transaction of its own: taking a customer off a campaign's pending contacts the moment they
     * answer. It must be safe to repeat, since {@link #attribute} runs for the same message in the pipeline's
     * transaction afterwards; when it fails, that later run does the work. Nothing by default.
     */
    default void ahead(Arrival arrival) {
    }
}
