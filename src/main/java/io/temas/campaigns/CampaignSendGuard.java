package io.temas.campaigns;

import io.temas.channels.OutboundGuard;
import io.temas.channels.OutboundMessage;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Checks every campaign message once more just before it leaves: a customer who answered the
 * campaign, opted out, or was put on do-not-contact since the send was confirmed is dropped;
 * quiet hours hold the message until they end.
 */
@Component
class CampaignSendGuard implements OutboundGuard {

    private final ContactPolicies policies;

    CampaignSendGuard(ContactPolicies policies) {
        this.policies = policies;
    }

    @Override
    public Verdict check(OutboundMessage message) {
        String campaign = message.headers().get("X-Temas-Campaign");
        String customer = message.headers().get("X-Temas-Customer");
        if (campaign == null || customer == null) {
            return PROCEED;
        }
        ContactDecision decision = policies.decide(new ContactPolicies.Contact(UUID.fromString(customer), message.recipient(),
                message.channel(), Purpose.COMMERCIAL, UUID.fromString(campaign)), true);
        return switch (decision) {
            case ContactDecision.Allowed allowed -> PROCEED;
            case ContactDecision.Refused refused when refused.temporary() ->
                    new Hold(refused.retryAt(), refused.policy() + ": " + refused.reason());
            case ContactDecision.Refused refused -> new Drop(refused.policy() + ": " + refused.reason());
        };
    }
}
