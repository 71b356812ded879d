package io.temas.campaigns;

import io.temas.shared.ChannelType;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * Everything the contact policies look at for one contact, gathered beforehand so the policies
 * themselves are plain functions.
 *
 * @param consent          the latest recorded consent for the channel and purpose: true, false (withdrawn) or null (none)
 * @param doNotContact     reasons of the do-not-contact entries in force for the channel
 * @param contactsInWindow commercial contacts on the channel within the cap window
 * @param campaignRunning  null when the contact is not for a campaign
 * @param campaignAnswered the customer already responded to the campaign
 */
record ContactFacts(ChannelType channel, Purpose purpose, ZonedDateTime now, Boolean consent, boolean requireConsent,
                    List<String> doNotContact, int contactsInWindow, ContactRules.Rule rule, Boolean campaignRunning,
                    boolean campaignAnswered) {

    LocalTime localTime() {
        return now.toLocalTime();
    }
}
